/**
 * The ground truth of each kind of bench data set in one shape: true rings (with their typology
 * and leader), the role classes to score, and the positives of risk ranking, all as analysis-graph
 * keys. Pure: the files are read by the caller.
 */
import type { Truth } from '../../../seed/index';
import type { CallRingTruth } from '../../../seed/callring/index';
import type { PatternsFile } from '../../../seed/typologies/index';
import { KEY_ROLES } from '../../../server/analysis/rings/index';
import type { RoleClass, TrueRing } from './metrics';

export interface BenchTruth {
  /** Null where the data names no rings (the AMLSim sample: fraud flags only). */
  rings: TrueRing[] | null;
  roleClasses: RoleClass[];
  /** The entities risk ranking should find. */
  positives: string[];
}

/** Roles that make a scenario member a key member, as the issue names them. */
const KEY_TRUTH_ROLES = ['organiser', 'caller', 'mule_herder'];

/**
 * A generated scenario's truth: its rings by script, ringleaders from the `ringleader` members,
 * mule accounts and key members as role classes, and every ring entity as a positive.
 */
export function scenarioTruth(truth: Truth): BenchTruth {
  const rings = truth.rings.map((ring) => ({
    id: ring.id,
    typology: ring.script,
    entities: [...new Set(ring.members.map((m) => m.entity))],
    leaders: ring.members.filter((m) => m.role === 'ringleader').map((m) => m.entity),
  }));
  const members = truth.rings.flatMap((ring) => ring.members);
  const mules = members.filter((m) => m.role === 'mule' && m.entity.startsWith('BankAccount:'));
  const keyMembers = members.filter((m) => KEY_TRUTH_ROLES.includes(m.role));
  const roleClasses: RoleClass[] = [
    {
      name: 'mule accounts',
      entities: [...new Set(mules.map((m) => m.entity))],
      roles: ['mule'],
      types: ['BankAccount'],
    },
    {
      name: 'key members',
      entities: [...new Set(keyMembers.map((m) => m.entity))],
      roles: KEY_ROLES,
      types: [...new Set(members.map((m) => m.entity.slice(0, m.entity.indexOf(':'))))],
    },
  ];
  return {
    rings,
    roleClasses: roleClasses.filter((roleClass) => roleClass.entities.length > 0),
    positives: [...new Set(members.map((m) => m.entity))],
  };
}

/** The account key the shipped AMLSim mappings give node `id`. */
export function amlsimAccount(id: string): string {
  return `BankAccount:AMLSIM:${id}`;
}

/**
 * An AMLSim-style world's truth: its patterns as rings with their typology and leader (null for
 * cycles, bipartite sets, stacks and random walks), and the `isFraud` accounts as positives.
 */
export function typologiesTruth(patterns: PatternsFile, fraudIds: readonly string[]): BenchTruth {
  return {
    rings: patterns.patterns.map((pattern) => ({
      id: pattern.id,
      typology: pattern.typology,
      entities: pattern.accounts.map(amlsimAccount),
      leaders: pattern.leader === null ? [] : [amlsimAccount(pattern.leader)],
    })),
    roleClasses: [],
    positives: fraudIds.map(amlsimAccount),
  };
}

/**
 * A call-record world's truth: each ring's callers and coordinators (numbers) as a ring without a
 * leader; callers scored as `caller`, coordinators as `organiser` or `ringleader`; every fraud
 * number a positive.
 */
export function callRingTruth(truth: CallRingTruth): BenchTruth {
  const number = (e164: string) => `PhoneNumber:${e164}`;
  return {
    rings: truth.rings.map((ring) => ({
      id: ring.id,
      typology: 'calling_ring',
      entities: [...ring.callers, ...ring.coordinators].map(number),
      leaders: [],
    })),
    roleClasses: [
      {
        name: 'callers',
        entities: truth.rings.flatMap((ring) => ring.callers.map(number)),
        roles: ['caller'],
        types: ['PhoneNumber'],
      },
      {
        name: 'coordinators',
        entities: truth.rings.flatMap((ring) => ring.coordinators.map(number)),
        roles: ['organiser', 'ringleader'],
        types: ['PhoneNumber'],
      },
    ].filter((roleClass) => roleClass.entities.length > 0),
    positives: truth.fraudNumbers.map(number),
  };
}

/**
 * The truth with only the entities the graph holds (a ring or role class left with
 * none is dropped), and how
 * many entities were missing: a check that truth and ingestion name entities alike.
 */
export function restrictToGraph(
  truth: BenchTruth,
  has: (key: string) => boolean,
): { truth: BenchTruth; missing: number; missingExamples: string[] } {
  const missing = new Set<string>();
  const keep = (keys: readonly string[]) =>
    keys.filter((key) => {
      if (has(key)) return true;
      missing.add(key);
      return false;
    });
  const restricted: BenchTruth = {
    rings:
      truth.rings
        ?.map((ring) => ({ ...ring, entities: keep(ring.entities), leaders: keep(ring.leaders) }))
        .filter((ring) => ring.entities.length > 0) ?? null,
    roleClasses: truth.roleClasses
      .map((roleClass) => ({ ...roleClass, entities: keep(roleClass.entities) }))
      .filter((roleClass) => roleClass.entities.length > 0),
    positives: keep(truth.positives),
  };
  return { truth: restricted, missing: missing.size, missingExamples: [...missing].slice(0, 3) };
}
