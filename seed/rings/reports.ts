/**
 * Police reports of the victims who report: the station, the scam type, the loss, and what the
 * victim can name: the numbers that called, the accounts they paid, the platform accounts that
 * wrote to them. Victims do not always remember everything, and write numbers as they please.
 */
import type { ScenarioContext } from '../context';
import { accountKey } from '../ids/banks';
import { handleKey } from '../ids/platforms';
import { formatAmount } from '../output/events';
import type { Rng } from '../../server/lib/random';
import { formatTime } from '../time';
import type { VictimPlan } from './victims';

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Writes the police report of every victim who reports, in the order they were filed. */
export function writeReports(
  context: ScenarioContext,
  plans: readonly VictimPlan[],
  rng: Rng,
): number {
  const { writer } = context;
  const reported = plans
    .filter((plan) => plan.report !== null)
    .sort((a, b) => (a.report?.at ?? 0) - (b.report?.at ?? 0));
  for (const plan of reported) {
    const { report, victim } = plan;
    if (!report) continue;
    const numbers = distinct(plan.calls.map((call) => call.sim.line.sim.msisdn));
    const accounts = distinct(
      plan.payments.map(({ to }) => accountKey(to.account.bank, to.account.number)),
    );
    const handles = distinct(
      plan.messages
        .filter((message) => message.from.handle !== victim.handles[message.from.platform]?.handle)
        .map((message) => handleKey(message.from.platform, message.from.handle)),
    );
    const loss = plan.payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
    writer.report({
      case_number: report.caseNumber,
      reported_at: formatTime(report.at),
      station_id: report.station.id,
      station_name: report.station.name,
      scam_type: plan.ring.script,
      loss_amount: formatAmount(loss),
      currency: 'CNY',
      victim_id: victim.id,
      victim_name: victim.name,
      victim_phone: writer.phone(victim.line.sim.msisdn),
      named_numbers: rng.chance(0.9) ? numbers.map((n) => writer.phone(n)).join(';') : '',
      named_accounts: rng.chance(0.95) ? accounts.join(';') : '',
      named_handles: handles.join(';'),
    });
  }
  return reported.length;
}
