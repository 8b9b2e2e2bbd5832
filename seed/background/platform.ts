/**
 * One day of the background's platform activity: messages between relatives and friends on the
 * platforms both use (WeChat first), and logins from home broadband or shared mobile-data
 * addresses on the person's own handset.
 */
import type { ScenarioContext } from '../context';
import type { Platform } from '../ids/platforms';
import type { MessageKind } from '../output/events';
import { imeiOn, type Person } from '../population/model';
import { friendCount, randomFriend } from '../population/social';
import type { Rng } from '../../server/lib/random';
import { dayStart, timeOfDay } from '../time';

const CHAT_PLATFORMS: readonly Platform[] = ['wechat', 'qq', 'douyin'];
const MESSAGE_KINDS: readonly (readonly [MessageKind, number])[] = [
  ['text', 70],
  ['voice', 10],
  ['image', 15],
  ['link', 4],
  ['payment_request', 1],
];

function contactOf(context: ScenarioContext, person: Person, rng: Rng): Person | undefined {
  const { population } = context;
  const homeStart = population.householdStart[person.household] ?? 0;
  const homeEnd = population.householdStart[person.household + 1] ?? homeStart;
  if (homeEnd - homeStart > 1 && rng.chance(0.35)) {
    return population.people[rng.int(homeStart, homeEnd - 1)];
  }
  if (friendCount(population.friends, person.index) === 0) return undefined;
  return population.people[randomFriend(population.friends, person.index, rng)];
}

/** Writes the background's platform messages and logins of period day `day`. */
export function writeBackgroundPlatform(context: ScenarioContext, day: number, rng: Rng): void {
  const { population, writer, period, options } = context;
  const { people } = population;
  const start = dayStart(period, day);
  const messages = rng.poisson(options.messagesPerPersonDay * population.totalActivity);
  for (let i = 0; i < messages; i += 1) {
    const person = people[population.activity.pick(rng)] as Person;
    const other = contactOf(context, person, rng);
    if (!other || other === person) continue;
    const platform = CHAT_PLATFORMS.find((p) => person.handles[p] && other.handles[p]);
    const from = platform && person.handles[platform];
    const to = platform && other.handles[platform];
    if (!platform || !from || !to) continue;
    const at = start + timeOfDay(rng, 'social');
    writer.message(platform, from.handle, to.handle, at, rng.weighted(MESSAGE_KINDS));
  }
  const logins = rng.poisson(options.loginsPerPersonDay * people.length);
  for (let i = 0; i < logins; i += 1) {
    const person = people[rng.int(0, people.length - 1)] as Person;
    const accounts = Object.values(person.handles);
    if (accounts.length === 0) continue;
    const at = start + timeOfDay(rng, 'social');
    const ip = rng.chance(0.55) ? person.homeIp : context.issuers.addresses.mobile(rng);
    writer.login(rng.pick(accounts), at, ip, imeiOn(person.line, day));
  }
}
