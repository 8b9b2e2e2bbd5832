/**
 * Queries of `cypher/analysis/`. Ring analysis: the graph read in pages of columns for the in-
 * process analysis, and the runs, rings and members it stores.
 */
import { defineQuery, type NoParams, type Nullable } from '../query';

/** An analysis run as stored; `params` is the JSON text of its parameters. */
export interface RunRow {
  id: string;
  params: string;
  engine: string;
  version: string;
  startedBy: string;
  status: 'running' | 'finished' | 'failed';
  step: string;
  fraction: number;
  error: string | null;
  nodeCount: number | null;
  edgeCount: number | null;
  communities: number | null;
  modularity: number | null;
  ringCount: number | null;
  /** Communities and groups weighed as rings. */
  considered: number | null;
  /** What was weighed and found, in plain words; when no ring was found, why. */
  explanation: string | null;
  /** JSON text of the candidates that fell short (`NearMissRow[]`, `services/analysisRuns.ts`). */
  nearMisses: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** One ring of a run in a list. */
export interface RingRow {
  id: string;
  ring: string;
  rank: number;
  /**
   * What kind of ring (`mule_chain`, `fan_in`, `cycle`, `calling_ring`, ...); null for runs made
   * before kinds were kept.
   */
  typology: string | null;
  score: number;
  size: number;
  reasons: string[];
  /** `Type:id` of the top ringleader claim, or null. */
  ringleader: string | null;
  /** The ringleader's name, or that of the person holding or using the ringleader's account or number. */
  ringleaderName: string | null;
}

export const analysisQueries = {
  analysisTransferEvents: defineQuery<
    { after: string; limit: number },
    {
      count: number;
      last: Nullable<string>;
      from: number[];
      to: number[];
      at: number[];
      amountMinor: number[];
    }
  >('analysis/transferEvents', 'read', { integerParams: ['limit'] }),
  analysisCallLinks: defineQuery<
    { after: string; limit: number; from: Nullable<string>; to: Nullable<string> },
    {
      count: number;
      last: Nullable<string>;
      sources: number[];
      targets: number[];
      counts: number[];
      seconds: number[];
    }
  >('analysis/callLinks', 'read', { integerParams: ['limit'] }),
  analysisSimLinks: defineQuery<
    { after: string; limit: number; from: Nullable<string>; to: Nullable<string> },
    {
      count: number;
      last: Nullable<string>;
      sources: number[];
      types: ('Device' | 'PhoneNumber')[];
      targets: number[];
    }
  >('analysis/simLinks', 'read', { integerParams: ['limit'] }),
  analysisPlatformLinks: defineQuery<
    { after: string; limit: number },
    {
      count: number;
      last: Nullable<string>;
      sources: number[];
      links: number[];
      targets: number[];
      counts: number[];
    }
  >('analysis/platformLinks', 'read', { integerParams: ['limit'] }),
  analysisPersonLinks: defineQuery<
    { after: string; limit: number },
    {
      count: number;
      last: Nullable<string>;
      victims: number[];
      sources: number[];
      types: ('BankAccount' | 'PhoneNumber')[];
      targets: number[];
    }
  >('analysis/personLinks', 'read', { integerParams: ['limit'] }),
  analysisCaseLinks: defineQuery<
    { after: string; limit: number },
    {
      id: string;
      source: number;
      reportedAt: number;
      station: Nullable<string>;
      namedTypes: string[];
      named: number[];
    }
  >('analysis/caseLinks', 'read', { integerParams: ['limit'] }),
  analysisLoadedStamp: defineQuery<
    NoParams,
    { label: string; count: number; lastLoadedAt: Nullable<number> }
  >('analysis/loadedStamp', 'read'),
  analysisNodeIds: defineQuery<{ refs: number[] }, { refs: number[]; ids: string[] }>(
    'analysis/nodeIds',
    'read',
  ),
  createAnalysisRun: defineQuery<
    { id: string; params: string; engine: string; version: string; startedBy: string },
    { id: string }
  >('analysis/createRun', 'write'),
  updateAnalysisRunProgress: defineQuery<
    { id: string; step: string; fraction: number },
    { id: string }
  >('analysis/updateRunProgress', 'write'),
  writeAnalysisRings: defineQuery<
    {
      runId: string;
      rings: {
        id: string;
        ring: string;
        rank: number;
        typology: string;
        community: number;
        score: number;
        size: number;
        reasons: string[];
      }[];
    },
    { written: number }
  >('analysis/writeRings', 'write'),
  writeAnalysisMembers: defineQuery<
    {
      members: {
        ring: string;
        type: string;
        id: string;
        role: string;
        score: number;
        reasons: string[];
      }[];
    },
    { written: number }
  >('analysis/writeMembers', 'write'),
  finishAnalysisRun: defineQuery<
    {
      id: string;
      nodeCount: number;
      edgeCount: number;
      communities: number;
      modularity: number;
      ringCount: number;
      considered: number;
      explanation: string;
      nearMisses: string;
    },
    { id: string }
  >('analysis/finishRun', 'write', {
    integerParams: ['nodeCount', 'edgeCount', 'communities', 'ringCount', 'considered'],
  }),
  failAnalysisRun: defineQuery<{ id: string; message: string }, { id: string }>(
    'analysis/failRun',
    'write',
  ),
  listAnalysisRuns: defineQuery<{ skip: number; limit: number }, { run: RunRow }>(
    'analysis/listRuns',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  getAnalysisRun: defineQuery<{ id: string }, { run: RunRow }>('analysis/getRun', 'read'),
  latestAnalysisRun: defineQuery<NoParams, { id: string }>('analysis/latestRun', 'read'),
  listAnalysisRings: defineQuery<{ runId: string; skip: number; limit: number }, RingRow>(
    'analysis/listRings',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  analysisRingDetail: defineQuery<
    { id: string },
    {
      ring: {
        id: string;
        ring: string;
        run: string;
        rank: number;
        typology: string | null;
        score: number;
        size: number;
        reasons: string[];
      };
      members: {
        type: string;
        id: string;
        label: string;
        role: string;
        score: number;
        reasons: string[];
      }[];
    }
  >('analysis/ringDetail', 'read'),
  analysisRingLinks: defineQuery<
    { id: string; limit: number },
    { type: string; source: string; target: string; weight: number }
  >('analysis/ringLinks', 'read', { integerParams: ['limit'] }),
  analysisRunMemberships: defineQuery<{ runId: string }, { ring: string; members: string[] }>(
    'analysis/runMemberships',
    'read',
  ),
} as const;
