/** Prints the freeze figures of `bench:warning` (tests/bench/warning/freezeMetrics.ts). */
import type { SeenStop } from './bank';
import type { FreezeMetrics, GridRow, SecuredFigures } from './freezeMetrics';
import { percentile } from './metrics';

const MINUTE = 60_000;

const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const minutes = (value: number | null) => (value === null ? 'never' : `${value.toFixed(1)} min`);
const yuan = (minor: number) =>
  (minor / 100).toLocaleString('en', { maximumFractionDigits: 0 }) + ' yuan';

function formatGoal(value: number | null, unit: string): string {
  if (unit === 'share') return pct(value);
  if (unit === 'minutes') return minutes(value);
  return value === null ? 'n/a' : value.toFixed(2);
}

/** What the simulated banks saw, besides the figures. */
export interface BankSight {
  readonly stops: readonly SeenStop[];
  readonly problems: readonly string[];
  readonly polls: number;
  /** Wall milliseconds each answer took the server. */
  readonly answerMs: readonly number[];
  /** Answers refused with 409 (changed meanwhile) and sent again. */
  readonly conflicts: number;
  /** Requests the centre's list holds that no bank saw. */
  readonly unseen: readonly string[];
  /** Alerts that proposed a stop on an account that got no request. */
  readonly alertsWithoutRequest: readonly string[];
  /**
   * Requests their bank first saw more than 5 s (wall) after the server made them, listed only
   * after a later change: a poll with `since` passed over them.
   */
  readonly late: readonly string[];
  /** Accounts with two requests waiting for their bank at the same time (ids). */
  readonly doubled: readonly string[];
}

function gridLine(row: GridRow): string {
  const f: SecuredFigures = row.figures;
  return (
    `${String(row.bankMinutes).padStart(5)}  ${`x${row.reportScale}`.padStart(6)}  ` +
    `${`x${row.muleScale}`.padStart(5)}  ${(row.requests === 'recorded' ? 'recorded' : row.askAgain ? 'ask again' : 'model').padEnd(9)}  ${(row.cashOutAtOnce ? 'at once' : 'sweep').padEnd(7)}  ${String(row.requestCount).padStart(6)}  ` +
    `${pct(f.securedShare).padStart(8)}  ${pct(f.knownSecuredShare).padStart(8)}  ` +
    `${minutes(f.medianMinutesToHold).padStart(10)}  ${minutes(f.knownMedianMinutesToNewHold).padStart(10)}  ` +
    `${String(f.neverHeld).padStart(5)} / ${f.knownNeverHeld}`
  );
}

export function printFreezeReport(metrics: FreezeMetrics, sight: BankSight, bankMinutes: number) {
  const c = metrics.counts;
  const f = metrics.figures;
  console.log(
    `\nFreeze replay: simulated banks answer ${bankMinutes} scenario minutes after each request's event, ` +
      'from the ledger; secured money by the truth (tests/bench/warning/freezeMetrics.ts).',
  );
  console.log(
    'figure                                                                 value          goal',
  );
  for (const goal of metrics.goals) {
    const verdict =
      goal.met === null || goal.goal === 'report' ? '' : goal.met ? '  met' : '  NOT met';
    console.log(
      `${goal.name.padEnd(72)} ${formatGoal(goal.value, goal.unit).padStart(10)}  ${goal.goal}${verdict}`,
    );
  }
  console.log(
    `Victims paying in the live days: ${c.liveVictims} (${c.liveVictimsOfKnownRings} of rings known ` +
      `before their first payment); they paid ${yuan(f.paidMinor)}, ${yuan(f.securedMinor)} secured; ` +
      `${f.neverHeld} (${f.knownNeverHeld} of known rings) never had a hold on the account they first paid, ` +
      `${f.alreadyHeld} paid into an account already held (0 minutes, but that hold does not hold their money).`,
  );
  console.log(
    `Requests: ${c.requests} (${c.movedOn} raised as money moved on) on ${c.accounts} accounts ` +
      `(at most ${c.mostOnOneAccount} on one); ${c.onRingAccounts} on ring accounts, ` +
      `${c.onVictimAccounts} on victims' own accounts, ${c.elsewhere} elsewhere; ` +
      `${c.requestsPerLiveVictim === null ? 'n/a' : c.requestsPerLiveVictim.toFixed(1)} per live victim.`,
  );
  const b = metrics.bank;
  const lags = sight.stops
    .filter((stop) => stop.answer)
    .map((stop) => ((stop.answer?.sentScenario ?? 0) - (stop.answer?.holdAt ?? 0)) / MINUTE);
  const seenLags = sight.stops
    .filter((stop) => stop.eventAt !== null)
    .map((stop) => (stop.firstSeenScenario - (stop.eventAt ?? 0)) / MINUTE);
  console.log(
    `Banks (${sight.polls} polling rounds): held ${b.held}, empty ${b.empty}, refused by the server ` +
      `${b.refused}, unanswered ${b.unanswered} (due after the replay); requests seen ` +
      `${percentile(seenLags, 0.5)?.toFixed(0) ?? 'n/a'} / ${percentile(seenLags, 1)?.toFixed(0) ?? 'n/a'} ` +
      `scenario minutes (p50 / max) after their event, answers sent ` +
      `${percentile(lags, 0.5)?.toFixed(0) ?? 'n/a'} / ${percentile(lags, 1)?.toFixed(0) ?? 'n/a'} ` +
      'scenario minutes after they were due (the replay runs in windows); an answer took the ' +
      `server ${percentile(sight.answerMs, 0.5) ?? 'n/a'} / ${percentile(sight.answerMs, 0.95) ?? 'n/a'} ms ` +
      `(p50 / p95); ${sight.conflicts} answers met a request changed meanwhile (409) and were sent again.`,
  );
  console.log(
    `Checks: ${sight.unseen.length} requests in the centre's list no bank saw; ` +
      `${sight.late.length} seen more than 5 s after they were made (a poll passed over them); ` +
      `${sight.doubled.length} accounts with two requests waiting for their bank at once; ` +
      `${sight.alertsWithoutRequest.length} stop-proposing alerts whose account got no request; ` +
      `${sight.problems.length} problems.`,
  );
  for (const line of [
    ...sight.unseen.slice(0, 5).map((id) => `unseen: ${id}`),
    ...sight.late.slice(0, 5).map((line) => `late: ${line}`),
    ...sight.doubled.slice(0, 5).map((id) => `doubled: ${id}`),
    ...sight.alertsWithoutRequest.slice(0, 5).map((id) => `no request: ${id}`),
    ...sight.problems.slice(0, 10),
  ]) {
    console.log(`  ${line}`);
  }
  console.log(
    '\nSettings (bank: minutes after the event; report and mule delays scaled; recorded: the ' +
      "replay's own requests; model: the server's policy replayed offline over the re-timed ledger, " +
      'an approximation; ask again: the same, also asking for money arriving in an account already held; ' +
      'cash-out: swept in the morning as generated, or passed on at once as fast as it arrived):',
  );
  console.log(
    ' bank  report  mules  requests   cash-out   count   secured   (known)  to hold p50  new hold, known  never / known',
  );
  // One assumption at a time here; the JSON has every combination.
  for (const row of metrics.grid) {
    if (row.reportScale === 1 || row.muleScale === 1) console.log(gridLine(row));
  }
  const worst = metrics.victims
    .filter((victim) => victim.securedMinor < victim.paidMinor / 2)
    .slice(0, 12);
  if (worst.length > 0) {
    console.log(`\nVictims with less than half their money secured (first ${worst.length}):`);
    for (const victim of worst) {
      console.log(
        `  ${victim.victim} ring ${victim.ring} ${victim.ringKnown ? 'known' : 'unknown'}: ` +
          `paid ${yuan(victim.paidMinor)}, secured ${yuan(victim.securedMinor)}, ` +
          `hold on the first account ${minutes(victim.minutesToHold)} after the payment` +
          (victim.alreadyHeld
            ? ` (already held; a new hold ${minutes(victim.minutesToNewHold)})`
            : ''),
      );
    }
  }
}
