/**
 * Callers found from a ring's victims where no report names anyone: the SIM box whose numbers
 * called the people who then paid the ring's mules, and not the friend or the busy hotline that
 * called a few of them. And the ring's own people's phones: the SIM, handset and chat account of
 * the number the bank holds for its ringleader.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisGraphBuilder, detectRings } from '../../../server/analysis/rings/index';
import {
  VICTIM_CALLER_DEFAULTS,
  victimCallers,
  victimContactsOfRings,
} from '../../../server/analysis/rings/victimCallers';

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');

/**
 * Forty people in families of four, each with an account and the number the bank has for them;
 * the first `victims` of them pay two mules, which pass the money to a third, then to a cash-out
 * account swept to the ringleader. No report. A SIM box of six numbers calls 40 strangers each for
 * 20 seconds, and keeps one victim after another on the line; a hotline talks to 3,000 people,
 * two victims among them; a friend talks to three victims, who call back.
 */
interface RingOptions {
  /** How many of the forty people pay the mules. */
  victims: number;
  /** Whether the box calls them, and for how long each time. */
  boxCallsVictims?: boolean;
  victimSeconds?: number;
  /** Whether a chat account opened from the box writes to them. */
  chat?: boolean;
}

function unreportedRing({
  victims,
  boxCallsVictims = true,
  victimSeconds = 1_500,
  chat = false,
}: RingOptions) {
  const b = new AnalysisGraphBuilder();
  const people = Array.from({ length: 40 }, (_, i) => `F${Math.floor(i / 4)}-${i % 4}`);
  for (const person of people) {
    b.addHolding(`P${person}`, `BANK:${person}`);
    b.addPersonNumber(`P${person}`, `+86${person}`);
  }
  people.forEach((person, i) => {
    const family = people.slice(i - (i % 4), i - (i % 4) + 4).filter((p) => p !== person);
    for (const [j, other] of family.entries()) {
      for (let k = 0; k < 3; k += 1) {
        b.addTransfer(`BANK:${person}`, `BANK:${other}`, T0 + (k * 7 + j) * DAY, 10_000);
      }
      b.addCalls(`+86${person}`, `+86${other}`, 5);
    }
  });
  for (let i = 0; i < victims; i += 1) {
    const at = T0 + 3 * DAY + i * 180 * MINUTE;
    const mule = i % 2 === 0 ? 'MULE1' : 'MULE2';
    b.addTransfer(`BANK:${people[i]!}`, `BANK:${mule}`, at, 1_000_000);
    b.addTransfer(`BANK:${mule}`, 'BANK:MULE3', at + 4 * MINUTE, 985_000);
    b.addTransfer('BANK:MULE3', 'BANK:CASH', at + 9 * MINUTE, 970_000);
  }
  b.addTransfer('BANK:CASH', 'BANK:LEADER', T0 + 6 * DAY, 9_000_000);
  for (const name of ['LEADER', 'MULE1', 'MULE2', 'MULE3', 'CASH']) {
    b.addHolding(`P${name}`, `BANK:${name}`);
  }
  // The ringleader's own phone: the number the bank holds, its SIM and handset, a chat account.
  b.addPersonNumber('PLEADER', '+86leader');
  b.addSimNumber('SIMLEADER', '+86leader');
  b.addSimInDevice('SIMLEADER', 'IMEILEADER');
  b.addPlatformLink('wechat:leader', 'REGISTERED_WITH', 'PhoneNumber', '+86leader');
  for (let s = 0; s < 6; s += 1) {
    b.addSimInDevice(`BOX${s}`, 'IMEIBOX');
    b.addSimNumber(`BOX${s}`, `+8690${s}`);
    for (let k = 0; k < 40; k += 1) b.addCalls(`+8690${s}`, `+8699${s}${k}`, 1, 20);
  }
  if (boxCallsVictims) {
    for (let i = 0; i < victims; i += 1) {
      b.addCalls(`+8690${i % 6}`, `+86${people[i]!}`, 2, victimSeconds);
    }
  }
  if (chat) {
    // A chat account registered with a box number writes to six victims, and to 30 others.
    b.addPlatformLink('qq:officer', 'REGISTERED_WITH', 'PhoneNumber', '+86900');
    b.addPlatformLink('qq:officer', 'REGISTERED_FROM', 'Device', 'IMEIBOX');
    for (const person of people) {
      b.addPlatformLink(`qq:${person}`, 'REGISTERED_WITH', 'PhoneNumber', `+86${person}`);
    }
    for (let i = 0; i < 6; i += 1)
      b.addPlatformLink('qq:officer', 'MESSAGED', 'PlatformAccount', `qq:${people[i]!}`, 5);
    for (let k = 0; k < 30; k += 1)
      b.addPlatformLink('qq:officer', 'MESSAGED', 'PlatformAccount', `qq:other${k}`);
    // A thousand others write to one another in pairs.
    for (let k = 0; k < 500; k += 1) {
      b.addPlatformLink(`qq:pair${k}a`, 'MESSAGED', 'PlatformAccount', `qq:pair${k}b`);
    }
    // The friend chats with the three victims it talks to.
    b.addPlatformLink('qq:friend', 'REGISTERED_WITH', 'PhoneNumber', '+86friend');
    for (const friend of people.slice(0, 3)) {
      b.addPlatformLink('qq:friend', 'MESSAGED', 'PlatformAccount', `qq:${friend}`, 7);
    }
    // Two sisters among the victims write to each other.
    b.addPlatformLink(`qq:${people[0]!}`, 'MESSAGED', 'PlatformAccount', `qq:${people[1]!}`, 9);
  }
  for (let k = 0; k < 3_000; k += 1) b.addCalls('+86800', `+8677${k}`, 1, 400);
  b.addCalls('+86800', `+86${people[0]!}`, 1, 400);
  b.addCalls('+86800', `+86${people[1]!}`, 1, 400);
  for (const friend of people.slice(0, 3)) {
    b.addCalls('+86friend', `+86${friend}`, 4, 2_000);
    b.addCalls(`+86${friend}`, '+86friend', 3, 1_000);
  }
  return b.build();
}

const PARAMS = { algorithm: 'leiden', resolution: 1, seed: 3 } as const;

function memberOf(graph: ReturnType<typeof unreportedRing>, key: string) {
  const analysis = detectRings(graph, PARAMS);
  expect(analysis.rings).toHaveLength(1);
  return analysis.rings[0]!.members.find((m) => m.key === key);
}

describe('callers found from the victims', () => {
  it("names the SIM box that called the ring's victims, with its SIMs and numbers", () => {
    const graph = unreportedRing({ victims: 8 });
    const box = memberOf(graph, 'Device:IMEIBOX');
    expect(box?.role).toBe('caller');
    expect(box!.reasons[1]).toMatch(
      /^talked to 8 of the 8 people whose money this ring's mules received, none of whom called back, and to 8 numbers in all of the 248 it called/,
    );
    expect(memberOf(graph, 'PhoneNumber:+86905')?.role).toBe('caller');
    expect(memberOf(graph, 'SIM:BOX5')?.role).toBe('caller');
  });

  it('names the chat account that wrote to the victims, and the SIM box it was opened from', () => {
    const graph = unreportedRing({ victims: 8, boxCallsVictims: false, chat: true });
    const officer = memberOf(graph, 'PlatformAccount:qq:officer');
    expect(officer?.role).toBe('caller');
    expect(officer!.reasons[0]).toMatch(
      /^exchanged messages with 6 of the 8 people whose money this ring's mules received, and with 36 accounts in all/,
    );
    expect(memberOf(graph, 'Device:IMEIBOX')?.role).toBe('caller');
    expect(memberOf(graph, 'PhoneNumber:+86903')?.role).toBe('caller');
    expect(memberOf(graph, `PlatformAccount:qq:F0-0`)).toBeUndefined();
    // The friend who chats with three of them is one they call: an acquaintance.
    expect(memberOf(graph, 'PlatformAccount:qq:friend')).toBeUndefined();
  });

  it('leaves out the hotline that called two victims among thousands, and a friend of three', () => {
    const graph = unreportedRing({ victims: 8 });
    expect(memberOf(graph, 'PhoneNumber:+86800')).toBeUndefined();
    expect(memberOf(graph, 'PhoneNumber:+86friend')).toBeUndefined();
    // Victims calling one another (two families among them) are no callers either.
    expect(memberOf(graph, 'PhoneNumber:+86F0-1')).toBeUndefined();
  });

  it('names no caller where no line called the victims, or the victims hung up at once', () => {
    for (const graph of [
      unreportedRing({ victims: 8, boxCallsVictims: false }),
      unreportedRing({ victims: 8, victimSeconds: 30 }),
    ]) {
      const analysis = detectRings(graph, PARAMS);
      const callers = analysis.rings.flatMap((r) => r.members).filter((m) => m.role === 'caller');
      expect(callers).toEqual([]);
    }
  });

  it('weighs each line by the numbers it called, and calls back rule a line out', () => {
    const graph = unreportedRing({ victims: 8 });
    const node = (key: string) => graph.keys.indexOf(key);
    const muleKeys = ['MULE1', 'MULE2', 'MULE3'].map((m) => node(`BankAccount:BANK:${m}`));
    const mules = new Float64Array(graph.nodeCount);
    for (const v of muleKeys) mules[v] = 1;
    const core = {
      anchor: node('BankAccount:BANK:LEADER'),
      consolidated: true,
      mules: new Map(muleKeys.map((v) => [v, 1])),
      cashOut: new Map([[node('BankAccount:BANK:CASH'), 1]]),
      shared: new Set<number>(),
      cases: [],
    };
    const found = victimCallers(graph, core, mules);
    // The box, and the two of its numbers that kept two victims each on the line.
    expect(found.map((c) => graph.keys[c.node])).toEqual([
      'Device:IMEIBOX',
      'PhoneNumber:+86900',
      'PhoneNumber:+86901',
    ]);
    expect(found[0]).toMatchObject({ victims: 8, of: 8, talkedTo: 8, callees: 248 });
    expect(found[0]!.chance).toBeLessThan(1e-4);
    // A ring whose mule MULE2 alone took four of the victims' money: the box reached all four,
    // but it reached eight of the first ring's, and is that ring's, with all its numbers.
    const mule2 = node('BankAccount:BANK:MULE2');
    const other = { ...core, mules: new Map([[mule2, 1]]) };
    expect(victimCallers(graph, other, mules)[0]).toMatchObject({ victims: 4, of: 4 });
    const byRing = victimContactsOfRings(graph, [other, core], mules);
    const keys = (ring: typeof core) => byRing.get(ring)!.lines.map((c) => graph.keys[c.node]);
    // Its number +86901 kept the same two victims on the line for both: it goes with the box.
    expect(keys(other)).toEqual([]);
    expect(keys(core)).toEqual(['Device:IMEIBOX', 'PhoneNumber:+86900', 'PhoneNumber:+86901']);
    // Asking for more victims than any line called finds none.
    expect(victimCallers(graph, core, mules, { ...VICTIM_CALLER_DEFAULTS, minVictims: 9 })).toEqual(
      [],
    );
  });
});

describe("the ring's own phones", () => {
  it("gives the ringleader's own number, SIM, phone and chat account the ringleader's role", () => {
    const graph = unreportedRing({ victims: 8 });
    for (const key of [
      'PhoneNumber:+86leader',
      'SIM:SIMLEADER',
      'Device:IMEILEADER',
      'PlatformAccount:wechat:leader',
    ]) {
      expect(memberOf(graph, key)?.role, key).toBe('ringleader');
    }
    expect(memberOf(graph, 'Device:IMEILEADER')!.reasons).toEqual([
      'the phone carrying the number of PLEADER (ringleader)',
    ]);
  });
});
