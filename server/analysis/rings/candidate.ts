/**
 * What every ring finder hands to ring assembly: a candidate ring (its members with their roles
 * and reasons, and the evidence for the whole), and, for candidates that fell short, which
 * threshold each missed. Ring finders: mule chains (`assemble.ts`, `roles.ts`), money shapes
 * (`typologies.ts`), calling rings (`callRings.ts`), and communities with evidence of several kinds
 * (`detect.ts`).
 */

/** What a member does in a ring. */
export type RingRole =
  'ringleader' | 'organiser' | 'caller' | 'mule_herder' | 'mule' | 'cash_out' | 'member';

/** The evidence for a whole ring: its score in 0..1 and the numbers behind it. */
export interface RingEvidence {
  score: number;
  reasons: string[];
  muleCount: number;
  reportCount: number;
  cycling: number;
  burst: number;
}

/** One member's role in a ring, with its score and reasons. */
export interface MemberClaim {
  node: number;
  role: RingRole;
  score: number;
  reasons: string[];
}
/** The shape of a money-laundering ring, as public typologies name them. */
export type Typology =
  | 'mule_chain'
  | 'fan_in'
  | 'fan_out'
  | 'cycle'
  | 'chain'
  | 'scatter_gather'
  | 'gather_scatter'
  | 'bipartite'
  | 'stack'
  | 'calling_ring'
  | 'community';

export interface RingCandidate {
  /** A node that names the candidate (its leader or first account); ties in the ranking go to the lower. */
  anchor: number;
  members: MemberClaim[];
  evidence: RingEvidence;
  /** What kind of ring this is. */
  typology: Typology;
}

/** A group that looked like a ring but fell short: the thresholds it missed, in plain words. */
export interface NearMiss {
  typology: Typology;
  /** Nodes of the group (at most a few dozen are kept). */
  nodes: number[];
  size: number;
  /** Evidence score in 0..1 (how close it came). */
  score: number;
  /** What it had, in plain words with the numbers. */
  reasons: string[];
  /** Each threshold it missed: "3 numbers shared victims; a ring needs 4 (minCallers)". */
  missed: string[];
}
