/**
 * The figures of `bench:detection`, as pure functions of a ground truth and what detection or
 * risk ranking found: rings (adjusted Rand index, precision and recall by typology, leader
 * precision@1), roles (precision, recall and F1 per role class), and rankings (ROC AUC and
 * precision@k). Keys are the analysis graph's `Type:id`; nothing here reads a file or a database.
 */
import { adjustedRandIndex, precisionRecallF1, rocAuc } from '../../../server/analysis/metrics';
import { seededRandom, shuffledRange } from '../../../server/analysis/random';

/** One true ring (a scenario's ring, an AMLSim-style pattern, a calling ring). */
export interface TrueRing {
  id: string;
  /** Its kind as the truth names it (a scenario script, a laundering typology, `calling_ring`). */
  typology: string;
  /** Its entities, as analysis-graph keys. */
  entities: readonly string[];
  /** Entities the truth names as its leader; empty where the shape has none. */
  leaders: readonly string[];
}

/** What the figures need of a detected ring (`Ring` of server/analysis/rings/detect.ts). */
export interface FoundRing {
  typology: string;
  members: readonly { key: string; role: string; score: number }[];
}

/** A role the truth names, and the detected roles that count as finding it. */
export interface RoleClass {
  name: string;
  /** Entities the truth gives this role. */
  entities: readonly string[];
  /** Detected roles that match it. */
  roles: readonly string[];
  /** Entity types compared (`BankAccount`, ...): detected members of other types are not counted. */
  types: readonly string[];
}

/** The type part of a `Type:id` key. */
export function typeOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/** Entity types the true rings name. */
export function truthTypes(rings: readonly TrueRing[]): Set<string> {
  return new Set(rings.flatMap((ring) => ring.entities.map(typeOf)));
}

/**
 * The detected rings with only members of `types` (the truth says nothing about other types,
 * e.g. the SIMs of a calling ring whose truth lists numbers). Rings left empty are kept, empty.
 */
export function keepTypes(rings: readonly FoundRing[], types: ReadonlySet<string>): FoundRing[] {
  return rings.map((ring) => ({
    ...ring,
    members: ring.members.filter((member) => types.has(typeOf(member.key))),
  }));
}

/** The detected ring's match: the true ring sharing most entities with it, and whether it hits. */
export interface RingMatch {
  /** Index into the true rings; -1 when it shares no entity with any. */
  truth: number;
  shared: number;
  /** `shared` is at least half of the smaller of the two rings. */
  hit: boolean;
}

/**
 * Each detected ring's match: the true ring it shares most entities with (the first on ties), a
 * hit when they share at least half of the smaller ring's entities. O(total members).
 */
export function matchRings(truth: readonly TrueRing[], found: readonly FoundRing[]): RingMatch[] {
  const ringsOf = new Map<string, number[]>();
  const sizes = truth.map((ring, t) => {
    const entities = new Set(ring.entities);
    for (const entity of entities) {
      let list = ringsOf.get(entity);
      if (!list) ringsOf.set(entity, (list = []));
      list.push(t);
    }
    return entities.size;
  });
  return found.map((ring) => {
    const keys = new Set(ring.members.map((member) => member.key));
    const shared = new Map<number, number>();
    for (const key of keys) {
      for (const t of ringsOf.get(key) ?? []) shared.set(t, (shared.get(t) ?? 0) + 1);
    }
    let best = -1;
    let most = 0;
    for (const [t, count] of shared) {
      if (count > most || (count === most && t < best)) {
        best = t;
        most = count;
      }
    }
    const hit = best >= 0 && most >= 0.5 * Math.min(keys.size, sizes[best]!);
    return { truth: best, shared: most, hit };
  });
}

/**
 * Adjusted Rand index over the entities that are in a true ring or a detected ring: the true label
 * is an entity's first true ring, the detected label the first detected ring listing it, and an
 * entity without a label on one side is a cluster of its own there.
 */
export function ringAri(truth: readonly TrueRing[], found: readonly FoundRing[]): number {
  const trueLabel = new Map<string, number>();
  truth.forEach((ring, t) => {
    for (const entity of ring.entities) if (!trueLabel.has(entity)) trueLabel.set(entity, t);
  });
  const foundLabel = new Map<string, number>();
  found.forEach((ring, d) => {
    for (const { key } of ring.members) if (!foundLabel.has(key)) foundLabel.set(key, d);
  });
  const keys = [...new Set([...trueLabel.keys(), ...foundLabel.keys()])];
  return adjustedRandIndex(
    keys.map((key) => trueLabel.get(key) ?? -1),
    keys.map((key) => foundLabel.get(key) ?? -1),
    'singleton',
  );
}

/** Hits out of rings, and their ratio (NaN when there are no rings). */
export interface Share {
  count: number;
  of: number;
  value: number;
}

function share(count: number, of: number): Share {
  return { count, of, value: of === 0 ? Number.NaN : count / of };
}

export interface RingScores {
  /** Detected rings that hit a true ring, of all detected. */
  precision: Share;
  /** True rings hit by some detected ring, of all true rings. */
  recall: Share;
  /** Precision per detected ring typology (`Ring.typology`). */
  precisionByTypology: Map<string, Share>;
  /** Recall per true typology. */
  recallByTypology: Map<string, Share>;
}

/** Ring precision and recall, overall and by typology, from `matchRings`' matches. */
export function ringScores(
  truth: readonly TrueRing[],
  found: readonly FoundRing[],
  matches: readonly RingMatch[] = matchRings(truth, found),
): RingScores {
  const hitRings = new Set<number>();
  const detected = new Map<string, { count: number; of: number }>();
  found.forEach((ring, d) => {
    const entry = detected.get(ring.typology) ?? { count: 0, of: 0 };
    entry.of += 1;
    if (matches[d]!.hit) {
      entry.count += 1;
      hitRings.add(matches[d]!.truth);
    }
    detected.set(ring.typology, entry);
  });
  const recalled = new Map<string, { count: number; of: number }>();
  truth.forEach((ring, t) => {
    const entry = recalled.get(ring.typology) ?? { count: 0, of: 0 };
    entry.of += 1;
    if (hitRings.has(t)) entry.count += 1;
    recalled.set(ring.typology, entry);
  });
  const shares = (map: Map<string, { count: number; of: number }>) =>
    new Map(
      [...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, share(e.count, e.of)]),
    );
  const hits = matches.filter((match) => match.hit).length;
  return {
    precision: share(hits, found.length),
    recall: share(hitRings.size, truth.length),
    precisionByTypology: shares(detected),
    recallByTypology: shares(recalled),
  };
}

/** The lowest value among `shares` with its key; undefined when there is none. */
export function worst(shares: Map<string, Share>): { key: string; share: Share } | undefined {
  let low: { key: string; share: Share } | undefined;
  for (const [key, entry] of shares) {
    if (!Number.isNaN(entry.value) && (!low || entry.value < low.share.value)) {
      low = { key, share: entry };
    }
  }
  return low;
}

/** A detected ring's top `ringleader` member: the highest score, the first listed on ties. */
export function topRingleader(ring: FoundRing): string | undefined {
  let top: FoundRing['members'][number] | undefined;
  for (const member of ring.members) {
    if (member.role === 'ringleader' && (!top || member.score > top.score)) top = member;
  }
  return top?.key;
}

/**
 * Leader precision@1 over the true rings that have a leader and are hit: the detected ring that
 * hits one (sharing most with it, if several do) has as its top `ringleader` member an entity the
 * truth names as that ring's leader. NaN when no such ring was hit.
 */
export function leaderAt1(
  truth: readonly TrueRing[],
  found: readonly FoundRing[],
  matches: readonly RingMatch[] = matchRings(truth, found),
): Share {
  const best = new Map<number, number>();
  matches.forEach((match, d) => {
    if (!match.hit || truth[match.truth]!.leaders.length === 0) return;
    const current = best.get(match.truth);
    if (current === undefined || match.shared > matches[current]!.shared) best.set(match.truth, d);
  });
  let right = 0;
  for (const [t, d] of best) {
    const top = topRingleader(found[d]!);
    if (top !== undefined && truth[t]!.leaders.includes(top)) right += 1;
  }
  return share(right, best.size);
}

export interface RoleScore {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  /** Entities the truth gives the role, and detected members given one of its roles. */
  truth: number;
  flagged: number;
}

/**
 * Precision, recall and F1 of each role class: detected members (the first ring listing an entity
 * gives its role) of the class's types with one of its roles, against the truth's entities.
 */
export function roleScores(
  classes: readonly RoleClass[],
  found: readonly FoundRing[],
): RoleScore[] {
  const role = new Map<string, string>();
  for (const ring of found) {
    for (const member of ring.members) if (!role.has(member.key)) role.set(member.key, member.role);
  }
  return classes.map((roleClass) => {
    const truth = new Set(roleClass.entities);
    const types = new Set(roleClass.types);
    let truePositives = 0;
    let flagged = 0;
    for (const [key, given] of role) {
      if (!types.has(typeOf(key)) || !roleClass.roles.includes(given)) continue;
      flagged += 1;
      if (truth.has(key)) truePositives += 1;
    }
    const scores = precisionRecallF1({
      truePositives,
      falsePositives: flagged - truePositives,
      falseNegatives: truth.size - truePositives,
    });
    return { name: roleClass.name, ...scores, truth: truth.size, flagged };
  });
}

/** Mean F1 of the role classes (NaN when there are none). */
export function meanF1(scores: readonly RoleScore[]): number {
  return mean(scores.map((score) => score.f1));
}

/**
 * Share of positives among the `k` highest scores (all of them when fewer). Ties at the cut count
 * as a random order would on average: the tied group adds its share of positives for each place
 * left. NaN when there are no scores.
 */
export function precisionAtK(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  k: number,
): number {
  if (scores.length !== labels.length) {
    throw new RangeError('bench: scores and labels must have the same length');
  }
  const n = scores.length;
  const top = Math.min(k, n);
  if (top <= 0) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const cut = scores[order[top - 1]!]!;
  let above = 0;
  let abovePositives = 0;
  let tied = 0;
  let tiedPositives = 0;
  for (let i = 0; i < n; i += 1) {
    if (scores[i]! > cut) {
      above += 1;
      if (labels[i]) abovePositives += 1;
    } else if (scores[i] === cut) {
      tied += 1;
      if (labels[i]) tiedPositives += 1;
    }
  }
  return (abovePositives + ((top - above) * tiedPositives) / tied) / top;
}

/** ROC AUC and precision@k of one ranking of the candidates. */
export function rankingFigures(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  k = 100,
): { auc: number; precisionAtK: number } {
  return { auc: rocAuc(scores, labels), precisionAtK: precisionAtK(scores, labels, k) };
}

/** A seeded random `fraction` (rounded, at least one) of `positives`, in the drawn order. */
export function pickReported(
  positives: readonly number[],
  fraction: number,
  seed: number,
): number[] {
  if (positives.length === 0) return [];
  const take = Math.max(1, Math.round(positives.length * fraction));
  const order = shuffledRange(positives.length, seededRandom(seed));
  return Array.from(order.subarray(0, take), (i) => positives[i]!);
}

/**
 * Nodes a ranking is judged on: those of the positives' types, without the reported ones and
 * without nodes of `excluded` types (Case), each with whether it is a positive.
 */
export function riskPool(
  types: ArrayLike<number>,
  positives: readonly number[],
  reported: readonly number[],
  excluded: readonly number[],
): { nodes: number[]; labels: boolean[] } {
  const isPositive = new Set(positives);
  const isReported = new Set(reported);
  const wanted = new Set(positives.map((v) => types[v]!));
  for (const type of excluded) wanted.delete(type);
  const nodes: number[] = [];
  const labels: boolean[] = [];
  for (let v = 0; v < types.length; v += 1) {
    if (isReported.has(v) || !wanted.has(types[v]!)) continue;
    nodes.push(v);
    labels.push(isPositive.has(v));
  }
  return { nodes, labels };
}

/** Precision and recall of flagged entities against the true ones. */
export function setPrecisionRecall(
  flagged: Iterable<string>,
  actual: ReadonlySet<string>,
): { precision: number; recall: number; flagged: number; actual: number } {
  const set = new Set(flagged);
  let truePositives = 0;
  for (const key of set) if (actual.has(key)) truePositives += 1;
  return {
    precision: set.size === 0 ? Number.NaN : truePositives / set.size,
    recall: actual.size === 0 ? Number.NaN : truePositives / actual.size,
    flagged: set.size,
    actual: actual.size,
  };
}

/** Mean of the finite values (NaN when there is none). */
export function mean(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0
    ? Number.NaN
    : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}
