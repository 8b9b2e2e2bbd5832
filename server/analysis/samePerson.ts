/**
 * Scoring candidate "same person" links: two identities (people, platform accounts) that share a
 * registration handset, an internet address or a phone number, perhaps under the same name. The
 * more identities share a thing, the less it says; the score combines the pieces of evidence as
 * independent ones (1 - product of their complements), and every piece is a plain-word reason.
 * A score is a suggestion for a user to confirm or reject, never a merge.
 */

export interface IdentitySummary {
  readonly type: string;
  readonly id: string;
  readonly name: string | null;
}

export interface SharedThing {
  /** Device, IPAddress or PhoneNumber. */
  readonly type: string;
  readonly id: string;
  /** How many identities use or were registered with it. */
  readonly users: number;
}

export interface SamePersonCandidate {
  readonly a: IdentitySummary;
  readonly b: IdentitySummary;
  readonly score: number;
  readonly reasons: string[];
}

/** What one shared thing, used by two identities only, says on its own. */
export const EVIDENCE_WEIGHTS: Readonly<Record<string, number>> = {
  PhoneNumber: 0.7,
  Device: 0.6,
  IPAddress: 0.3,
};
export const SAME_NAME_WEIGHT = 0.4;

const THING_WORDS: Readonly<Record<string, string>> = {
  PhoneNumber: 'phone number',
  Device: 'handset IMEI',
  IPAddress: 'internet address',
};

function normaliseName(name: string | null): string {
  return (name ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function scoreSamePerson(
  a: IdentitySummary,
  b: IdentitySummary,
  shared: readonly SharedThing[],
): SamePersonCandidate {
  const reasons: string[] = [];
  let apart = 1;
  const weighed = shared.map((thing) => ({
    thing,
    weight: (EVIDENCE_WEIGHTS[thing.type] ?? 0) / Math.sqrt(Math.max(1, thing.users - 1)),
  }));
  // Strongest evidence first.
  weighed.sort((x, y) => y.weight - x.weight || (x.thing.id < y.thing.id ? -1 : 1));
  for (const { thing, weight } of weighed) {
    apart *= 1 - weight;
    const others = thing.users > 2 ? ` (shared by ${thing.users} identities)` : '';
    reasons.push(`Both linked to ${THING_WORDS[thing.type] ?? thing.type} ${thing.id}${others}.`);
  }
  const nameA = normaliseName(a.name);
  if (nameA && nameA === normaliseName(b.name)) {
    apart *= 1 - SAME_NAME_WEIGHT;
    reasons.push(`Same name: ${a.name ?? ''}.`);
  }
  return { a, b, score: Math.round((1 - apart) * 1000) / 1000, reasons };
}

/** The order-independent key of a pair, as reviews store it. */
export function pairKey(a: { type: string; id: string }, b: { type: string; id: string }): string {
  return [`${a.type}:${a.id}`, `${b.type}:${b.id}`].sort().join('|');
}
