/**
 * Callers found from a ring's victims, where no report names them: the people whose money the
 * ring's mules received from outside it (the holders of the accounts paying them), their numbers,
 * and the lines that talked to several of those people, none of whom called back (family and
 * friends call both ways; a victim's own number is no caller). A scam line calls strangers by the
 * thousand, most of whom hang up, and keeps on the line the few it works on: talking to several
 * of a ring's victims is more than chance gives a line talking to as many people. A SIM box's
 * numbers are counted together, as one kit swapping SIMs every few days. The ring's chat accounts
 * show the same way: accounts that exchanged messages with several of the victims' accounts
 * (those registered with the victims' numbers). Pure.
 */
import type { AnalysisGraph } from './graphBuilder';
import { edgeWeight } from '../compactGraph';
import { kitsCarrying, type RingCore } from './assemble';
import { TYPE, neighboursOfType } from './signals';
import { poissonTail } from './tails';

export interface VictimCallerOptions {
  /** A line or handset must have talked to at least this many of the ring's victims. */
  minVictims: number;
  /**
   * ... and as many must be this unlikely for a line talking to as many people, counted over
   * every line and handset that called one of them (the expected false callers per ring).
   */
  maxChance: number;
  /**
   * A call counts as talking to a number when the line's calls to it lasted this long in all (a
   * victim is kept on the line; strangers hang up). Where the records give no durations, every
   * number called counts.
   */
  minTalkSeconds: number;
}

export const VICTIM_CALLER_DEFAULTS: VictimCallerOptions = {
  minVictims: 2,
  maxChance: 0.01,
  minTalkSeconds: 300,
};

/** A number or handset that called several of a ring's victims. */
export interface VictimCaller {
  node: number;
  /** Distinct victims it talked to (for a handset, by any of its numbers). */
  victims: number;
  /** How many victims the ring has with a known number. */
  of: number;
  /** Numbers it talked to (see `minTalkSeconds`). */
  talkedTo: number;
  /** Numbers it called. */
  callees: number;
  /** Expected false callers this many victims called gives, over all the lines weighed. */
  chance: number;
}

/** Identities of each type in each graph, counted once. */
const countsOfGraph = new WeakMap<AnalysisGraph, Map<number, number>>();

function identitiesOfType(graph: AnalysisGraph, type: number): number {
  let counts = countsOfGraph.get(graph);
  if (!counts) countsOfGraph.set(graph, (counts = new Map<number, number>()));
  let count = counts.get(type);
  if (count === undefined) {
    count = 0;
    for (const t of graph.types) if (t === type) count += 1;
    counts.set(type, count);
  }
  return count;
}

/**
 * The numbers and handsets that talked to at least `minVictims` of the victims of the ring grown
 * from `core`, each less likely by chance than `maxChance` over all the lines that called one.
 * `mules`: each account's mule score (accounts scoring above 0 are no one's victims).
 */
export function victimCallers(
  graph: AnalysisGraph,
  core: RingCore,
  mules: Float64Array,
  options: VictimCallerOptions = VICTIM_CALLER_DEFAULTS,
): VictimCaller[] {
  const victimOf = victimNumbers(graph, core, mules);
  const victimCount = new Set(victimOf.values()).size;
  if (victimCount < options.minVictims) return [];
  // The lines that called a victim's number, each with whom it talked to.
  const linked = new Set<number>();
  for (const number of victimOf.keys()) {
    for (const other of neighboursOfType(graph, number, TYPE.PhoneNumber)) linked.add(other);
  }
  const talks = new Map<number, LineTalks>();
  for (const line of linked) {
    if (victimOf.has(line)) continue;
    const talked = lineTalks(graph, line, victimOf, options.minTalkSeconds);
    if (talked.victims.size > 0) talks.set(line, talked);
  }
  // Handsets: the victims all their numbers talked to, and how many people those talked to.
  const handsets = new Map<number, LineTalks>();
  for (const [line, talked] of talks) {
    for (const device of kitsCarrying(graph, line)) {
      let all = handsets.get(device);
      if (!all) handsets.set(device, (all = { reach: 0, callees: 0, victims: new Set() }));
      for (const victim of talked.victims) all.victims.add(victim);
    }
  }
  for (const [device, all] of handsets) {
    for (const sim of neighboursOfType(graph, device, TYPE.SIM)) {
      for (const number of neighboursOfType(graph, sim, TYPE.PhoneNumber)) {
        const talked =
          talks.get(number) ?? lineTalks(graph, number, victimOf, options.minTalkSeconds);
        all.reach += talked.reach;
        all.callees += talked.callees;
      }
    }
  }
  const weighed = talks.size + handsets.size;
  const numbers = identitiesOfType(graph, TYPE.PhoneNumber);
  const found: VictimCaller[] = [];
  for (const [node, talked] of [...talks, ...handsets]) {
    const victims = talked.victims.size;
    if (victims < options.minVictims) continue;
    const expected = (talked.reach * victimOf.size) / Math.max(1, numbers);
    const chance = weighed * poissonTail(victims, expected);
    if (chance > options.maxChance) continue;
    found.push({
      node,
      victims,
      of: victimCount,
      talkedTo: talked.reach,
      callees: talked.callees,
      chance,
    });
  }
  return found.sort((a, b) => b.victims - a.victims || a.chance - b.chance || a.node - b.node);
}

/**
 * The platform accounts that exchanged messages with at least `minVictims` of the ring's victims
 * (their accounts registered with the numbers their banks hold), each less likely by chance than
 * `maxChance` for an account writing to as many others, counted over every account that wrote to
 * one of them: the scam's chat accounts, working the victims as its lines do. An account
 * registered with a number a victim called is an acquaintance's (family and friends chat and
 * call), not the scam's.
 */
export function victimMessagers(
  graph: AnalysisGraph,
  core: RingCore,
  mules: Float64Array,
  options: VictimCallerOptions = VICTIM_CALLER_DEFAULTS,
): VictimCaller[] {
  const numbers = victimNumbers(graph, core, mules);
  const victimOf = new Map<number, number>();
  for (const [number, person] of numbers) {
    for (const account of neighboursOfType(graph, number, TYPE.PlatformAccount)) {
      if (!victimOf.has(account)) victimOf.set(account, person);
    }
  }
  const victimCount = new Set(victimOf.values()).size;
  if (victimCount < options.minVictims) return [];
  // The victims' acquaintances: the numbers the victims themselves called.
  const acquainted = new Set<number>();
  const { offsets, targets } = graph.calls;
  for (const number of numbers.keys()) {
    for (let at = offsets[number]!; at < offsets[number + 1]!; at += 1)
      acquainted.add(targets[at]!);
  }
  const isAcquaintance = (account: number) =>
    neighboursOfType(graph, account, TYPE.PhoneNumber).some((n) => acquainted.has(n));
  const wrote = new Map<number, Set<number>>();
  for (const [account, person] of victimOf) {
    for (const other of neighboursOfType(graph, account, TYPE.PlatformAccount)) {
      if (victimOf.has(other)) continue;
      let victims = wrote.get(other);
      if (!victims) wrote.set(other, (victims = new Set()));
      victims.add(person);
    }
  }
  const accounts = identitiesOfType(graph, TYPE.PlatformAccount);
  const found: VictimCaller[] = [];
  for (const [node, victims] of wrote) {
    if (victims.size < options.minVictims || isAcquaintance(node)) continue;
    const partners = neighboursOfType(graph, node, TYPE.PlatformAccount).length;
    const expected = (partners * victimOf.size) / Math.max(1, accounts);
    const chance = wrote.size * poissonTail(victims.size, expected);
    if (chance > options.maxChance) continue;
    found.push({
      node,
      victims: victims.size,
      of: victimCount,
      talkedTo: partners,
      callees: partners,
      chance,
    });
  }
  return found.sort((a, b) => b.victims - a.victims || a.chance - b.chance || a.node - b.node);
}

/** What a ring's victims say of its callers: its lines and handsets, and its chat accounts. */
export interface VictimContacts {
  lines: VictimCaller[];
  chats: VictimCaller[];
}

/**
 * Each ring's callers found from its victims (`victimCallers`, `victimMessagers`). A handset that
 * reached victims of several rings goes to the ring whose victims it reached most (a victim may
 * pay a mule another ring also uses; the first ring on ties); a number carried in such a handset,
 * and a chat account registered with such a number or opened from such a handset, go with the
 * handset, since all of a kit is one caller's; others go by their own victims, as handsets do.
 */
export function victimContactsOfRings(
  graph: AnalysisGraph,
  cores: readonly RingCore[],
  mules: Float64Array,
  options: VictimCallerOptions = VICTIM_CALLER_DEFAULTS,
): Map<RingCore, VictimContacts> {
  const found = cores.map((core) => ({
    core,
    lines: victimCallers(graph, core, mules, options),
    chats: victimMessagers(graph, core, mules, options),
  }));
  // Each contact's ring: the one it reached most victims of, first on ties.
  const owner = new Map<number, { ring: number; victims: number }>();
  found.forEach(({ lines, chats }, ring) => {
    for (const { node, victims } of [...lines, ...chats]) {
      if ((owner.get(node)?.victims ?? 0) < victims) owner.set(node, { ring, victims });
    }
  });
  // A kit's numbers and chat accounts go with the kit.
  const ringOf = (node: number): number => {
    const kits =
      graph.types[node] === TYPE.PhoneNumber
        ? kitsCarrying(graph, node)
        : graph.types[node] === TYPE.PlatformAccount
          ? [
              ...neighboursOfType(graph, node, TYPE.Device),
              ...neighboursOfType(graph, node, TYPE.PhoneNumber).flatMap((number) =>
                kitsCarrying(graph, number),
              ),
            ]
          : [];
    for (const kit of kits) {
      const ring = owner.get(kit)?.ring;
      if (ring !== undefined) return ring;
    }
    return owner.get(node)!.ring;
  };
  return new Map(
    found.map(({ core, lines, chats }, ring) => [
      core,
      {
        lines: lines.filter((c) => ringOf(c.node) === ring),
        chats: chats.filter((c) => ringOf(c.node) === ring),
      },
    ]),
  );
}

/** Whom one line talked to. */
interface LineTalks {
  /** Numbers it talked to (`minTalkSeconds` or more in all, or called where durations are unknown). */
  reach: number;
  /** Numbers it called. */
  callees: number;
  /** Victims it talked to who never called it back. */
  victims: Set<number>;
}

/**
 * The numbers `line` talked to: those it was on the phone with `minTalkSeconds` or more in all
 * where its calls carry durations, every number it called where they do not; and the victims
 * among them that never called it back.
 */
function lineTalks(
  graph: AnalysisGraph,
  line: number,
  victimOf: ReadonlyMap<number, number>,
  minTalkSeconds: number,
): LineTalks {
  const { offsets, targets } = graph.calls;
  const seconds = graph.callSeconds.weights;
  let timed = false;
  for (let at = offsets[line]!; at < offsets[line + 1]! && !timed; at += 1)
    timed = seconds[at]! > 0;
  const talked: LineTalks = {
    reach: 0,
    callees: offsets[line + 1]! - offsets[line]!,
    victims: new Set(),
  };
  for (let at = offsets[line]!; at < offsets[line + 1]!; at += 1) {
    if (timed && seconds[at]! < minTalkSeconds) continue;
    talked.reach += 1;
    const victim = victimOf.get(targets[at]!);
    const calledBack = edgeWeight(graph.calls, targets[at]!, line) > 0;
    if (victim !== undefined && !calledBack) talked.victims.add(victim);
  }
  return talked;
}

/**
 * The numbers of the ring's victims, each with the person using it: the holders of the accounts
 * that paid the ring's mules and are not mules themselves (a number two of them share counts for
 * the first). A mule two rings share was paid by both rings' victims: its payers are left out.
 */
function victimNumbers(
  graph: AnalysisGraph,
  core: RingCore,
  mules: Float64Array,
): Map<number, number> {
  const victimOf = new Map<number, number>();
  const payers = new Set<number>();
  for (const mule of core.mules.keys()) {
    if (core.shared.has(mule)) continue;
    for (const account of neighboursOfType(graph, mule, TYPE.BankAccount)) {
      if (core.mules.has(account) || core.cashOut.has(account) || mules[account]! > 0) continue;
      if (edgeWeight(graph.money, account, mule) > 0) payers.add(account);
    }
  }
  for (const account of payers) {
    for (const person of neighboursOfType(graph, account, TYPE.Person)) {
      for (const number of neighboursOfType(graph, person, TYPE.PhoneNumber)) {
        if (!victimOf.has(number)) victimOf.set(number, person);
      }
    }
  }
  return victimOf;
}
