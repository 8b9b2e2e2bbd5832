/**
 * The standing records of the rings: mule, cash-out and consolidation accounts (banks know their
 * holders), the mules' platform accounts (opened from the herders' handsets) and the scam accounts
 * that write to victims.
 */
import type { ScenarioContext } from '../context';
import type { MuleAccount, Ring } from './model';

/** Writes every ring's accounts once, even mules shared between rings. */
export function writeRingDirectory(context: ScenarioContext, rings: readonly Ring[]): void {
  const { writer } = context;
  const written = new Set<MuleAccount>();
  for (const ring of rings) {
    for (const mule of [...ring.layers.flat(), ...ring.cashOut]) {
      if (written.has(mule)) continue;
      written.add(mule);
      writer.bankAccount(mule.account);
      if (mule.platformAccount) writer.platformAccount(mule.platformAccount);
    }
    writer.bankAccount(ring.consolidation);
    for (const { account } of ring.scamHandles) writer.platformAccount(account);
  }
}
