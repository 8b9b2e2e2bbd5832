/** The hand-made ring network the ring, risk and worker tests share. */
import { AnalysisGraphBuilder, type AnalysisGraph } from '../../../server/analysis/rings/index';

/**
 * A small hand-made network with one scam ring in a quiet background, for the ring tests: victims
 * pay two first-layer mules, which pass the money within minutes to a second-layer mule, which
 * pays a cash-out account; the cash-out account is swept to the ringleader's account, which pays
 * two members. A SIM box (one handset, six SIMs) calls strangers; a mule herder's handset runs
 * the mules' platform accounts; two reports name a mule and a SIM box number.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');

export function ringFixture(): AnalysisGraph {
  const b = new AnalysisGraphBuilder();
  addRingFixture(b);
  return b.build();
}

export function addRingFixture(b: AnalysisGraphBuilder): void {
  // Background: five families of four, each paying each other and calling each other.
  for (let family = 0; family < 5; family += 1) {
    const members = [0, 1, 2, 3].map((i) => `F${family}-${i}`);
    members.forEach((person, i) => {
      b.addHolding(`P${person}`, `BANK:${person}`);
      b.addSimInDevice(`SIM${person}`, `IMEI${person}`);
      b.addSimNumber(`SIM${person}`, `+86${family}${i}`);
      for (const [j, other] of members.entries()) {
        if (j === i) continue;
        for (let k = 0; k < 3; k += 1) {
          b.addTransfer(`BANK:${person}`, `BANK:${other}`, T0 + (k * 7 + j) * DAY, 10_000);
        }
        b.addCalls(`+86${family}${i}`, `+86${family}${j}`, 5);
      }
    });
  }
  // Victims: the first ten background people pay the first-layer mules.
  const victims = Array.from({ length: 10 }, (_, i) => `F${i % 5}-${Math.floor(i / 5)}`);
  victims.forEach((victim, i) => {
    const at = T0 + 3 * DAY + i * 3 * 60 * MINUTE;
    const mule = i % 2 === 0 ? 'MULE1' : 'MULE2';
    b.addTransfer(`BANK:${victim}`, `BANK:${mule}`, at, 1_000_000);
    b.addTransfer(`BANK:${mule}`, 'BANK:MULE3', at + 4 * MINUTE, 985_000);
    b.addTransfer('BANK:MULE3', 'BANK:CASH', at + 9 * MINUTE, 970_000);
  });
  b.addTransfer('BANK:CASH', 'BANK:LEADER', T0 + 6 * DAY, 9_000_000);
  b.addTransfer('BANK:LEADER', 'BANK:ORG', T0 + 7 * DAY, 500_000);
  b.addTransfer('BANK:LEADER', 'BANK:HERDER', T0 + 7 * DAY, 400_000);
  for (const [person, account] of [
    ['PLEADER', 'LEADER'],
    ['PORG', 'ORG'],
    ['PHERDER', 'HERDER'],
    ['PMULE1', 'MULE1'],
    ['PMULE2', 'MULE2'],
    ['PMULE3', 'MULE3'],
    ['PCASH', 'CASH'],
  ] as const) {
    b.addHolding(person, `BANK:${account}`);
  }
  // Members talk.
  b.addSimInDevice('SIMLEADER', 'IMEILEADER');
  b.addSimNumber('SIMLEADER', '+8610');
  b.addSimInDevice('SIMORG', 'IMEIORG');
  b.addSimNumber('SIMORG', '+8611');
  b.addSimInDevice('SIMHERDER', 'IMEIHERDER');
  b.addSimNumber('SIMHERDER', '+8612');
  b.addCalls('+8610', '+8611', 6);
  b.addCalls('+8611', '+8612', 4);
  // The SIM box: six SIMs in one gateway, each number calling strangers.
  for (let s = 0; s < 6; s += 1) {
    b.addSimInDevice(`BOX${s}`, 'IMEIBOX');
    b.addSimNumber(`BOX${s}`, `+8690${s}`);
    for (let k = 0; k < 30; k += 1) b.addCalls(`+8690${s}`, `+8699${s}${k}`, 1);
    b.addCalls('+8611', `+8690${s}`, 1);
  }
  victims.forEach((victim, i) => b.addCalls(`+8690${i % 6}`, `+86${victim[1]}${victim[3]}`, 3));
  // The herder's handset runs the mules' platform accounts.
  for (const mule of ['MULE1', 'MULE2', 'MULE3']) {
    b.addPlatformLink(`wechat:${mule}`, 'REGISTERED_FROM', 'Device', 'IMEIHERDER');
    b.addPlatformLink(`wechat:${mule}`, 'USED_DEVICE', 'Device', 'IMEIHERDER', 4);
  }
  // Reports.
  b.addCase('C1', 'S1', ['BankAccount:BANK:MULE1', 'PhoneNumber:+86900']);
  b.addCase('C2', 'S2', ['BankAccount:BANK:MULE2', 'PhoneNumber:+86901']);
  b.markVictim('PF0-0');
  b.markVictim('PF1-0');
}
