/**
 * Police reports of the victims who report (only when `reportShare` > 0): hooked victims report
 * first, then others who were merely called, until the share is reached. A report names the fraud
 * numbers whose calls the victim answered (all that called, when none was answered), and the
 * victim by resident identity number, name and phone. There is no money in this world, so no loss.
 */
import { randomName, ResidentIdIssuer } from '../ids/people';
import { stations } from '../ids/places';
import type { Row } from '../output/formats';
import type { Rng } from '../../server/lib/random';
import { compactDate, DAY, formatTime, HOUR } from '../time';
import type { VictimBook } from './fraud';
import type { Subscribers } from './world';

/** Rows of police-reports.csv in the order they were filed. */
export function policeReports(
  rng: Rng,
  subscribers: Subscribers,
  book: VictimBook,
  share: number,
): Row<'police-reports'>[] {
  if (share <= 0 || book.victims.size === 0) return [];
  const all = [...book.victims.keys()].sort((a, b) => a - b);
  const hooked = rng.shuffle(all.filter((v) => book.victims.get(v)?.hooked === true));
  const others = rng.shuffle(all.filter((v) => book.victims.get(v)?.hooked !== true));
  const reporters = [...hooked, ...others].slice(0, Math.round(share * all.length));
  const places = stations(16);
  const ids = new ResidentIdIssuer();
  const filed = reporters.map((victim) => {
    const record = book.victims.get(victim);
    if (!record) throw new Error('seed/callring: a reporter without a victim record');
    const answered = [...record.callers].filter(([, yes]) => yes).map(([caller]) => caller);
    const named = answered.length > 0 ? answered : [...record.callers.keys()];
    const delay = rng.chance(0.5) ? rng.int(HOUR, 12 * HOUR) : rng.int(12 * HOUR, 4 * DAY);
    const station = rng.pick(places);
    const born = `${rng.int(1945, 2007)}${pad2(rng.int(1, 12))}${pad2(rng.int(1, 28))}`;
    const female = rng.chance(0.5);
    const person = { id: ids.issue(rng, born, female), name: randomName(rng).name };
    return { victim, record, named, at: record.lastCall + delay, station, person };
  });
  filed.sort((a, b) => a.at - b.at || a.victim - b.victim);
  return filed.map(({ victim, record, named, at, station, person }, i) => ({
    case_number: `A${station.id}${compactDate(at).slice(0, 6)}${String(i + 1).padStart(4, '0')}`,
    reported_at: formatTime(at),
    station_id: station.id,
    station_name: station.name,
    scam_type: record.scam,
    loss_amount: '',
    currency: '',
    victim_id: person.id,
    victim_name: person.name,
    victim_phone: subscribers.number[victim] as string,
    named_numbers: named.map((caller) => subscribers.number[caller] as string).join(';'),
    named_accounts: '',
    named_handles: '',
  }));
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
