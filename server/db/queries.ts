/**
 * The query registry: every query Ringtrace runs, by intent, with its parameter and row types.
 * Each entry has a file in `cypher/`; `loadQueries` checks files and registry match at start.
 * Schema statements (`cypher/schema/`) are applied by `server/db/schema.ts` instead.
 */
import type { AuditEntry } from '../audit/chain';
import type { planCalls, planTransfers } from '../ingest/columnar';
import type { IdentitySummary, SharedThing } from '../analysis/samePerson';
import type { PathLink, PathNode } from '../services/paths';
import type { RingRow, RunRow } from '../services/analysisRuns';
import { ENTITY_TYPES } from './entityTypes';
import { defineQuery, type NoParams } from './query';

/** The start of a query that begins at one identity, given by `$type` and `$id`. */
const startLabel = { name: 'type', labels: ENTITY_TYPES } as const;

type TransferPlan = ReturnType<typeof planTransfers>;
type CallPlan = ReturnType<typeof planCalls>;

type Nullable<T> = T | null;

/** Community detection in GDS on a large graph may take longer than an ordinary query. */
const ANALYSIS_TIMEOUT_MS = 30 * 60_000;

export interface UserRow {
  username: string;
  displayName: string;
  role: string;
  organisation: Nullable<string>;
  disabled: boolean;
  createdAt: string;
}

/** The user behind a session or token, as the auth layer reads it. */
export interface PrincipalRow {
  username: string;
  displayName: string;
  role: string;
  organisation: Nullable<string>;
  disabled: boolean;
}

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  owner: string;
  createdAt: string;
  expiresAt: Nullable<string>;
  lastUsedAt: Nullable<string>;
  revokedAt: Nullable<string>;
}

/** An audit entry as stored: its parameters are canonical JSON text. */
export type StoredAuditEntry = Omit<AuditEntry, 'params'> & { params: string };

/** Two identities and the things they share, as the same-person candidate query reads them. */
export interface SamePersonEvidenceRow {
  a: IdentitySummary;
  b: IdentitySummary;
  shared: SharedThing[];
}

/** A user's decision on a candidate same-person link. */
export interface IdentityReviewRow {
  id: string;
  pair: string;
  decision: string;
  score: number;
  reasons: string[];
  note: Nullable<string>;
  decidedBy: string;
  decidedAt: string;
}

/** A transfer as a money-flow trace reads it. */
export interface FlowRow {
  id: string;
  from: string;
  to: string;
  amountMinor: number;
  time: string;
}

/** One event on a timeline. */
export interface TimelineEvent {
  kind: string;
  id: string;
  at: string;
  offset: string | null;
  from: string | null;
  to: string | null;
  amountMinor: number | null;
  currency: string | null;
  durationSeconds: number | null;
  detail: string | null;
}

/** A neighbour in a guarded expansion. */
export interface NeighbourRow {
  relationship: string;
  outgoing: boolean;
  type: string;
  id: string;
  degree: number;
  at: string | null;
  properties: Record<string, unknown>;
}

/** One batch of normalised rows for an ingest write, and the Source they come from. */
export interface BatchParams {
  rows: Record<string, unknown>[];
  sourceId: string;
  /** Who supplied the rows: a telecom operator's SIMs and calling numbers are its own. */
  organisation: string;
}

interface AuditFilter {
  actor: Nullable<string>;
  action: Nullable<string>;
  from: Nullable<string>;
  to: Nullable<string>;
}

/** A saved investigation workspace, without its document. */
export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  sizeBytes: number;
}

export const queries = {
  dbmsComponents: defineQuery<NoParams, { name: string; versions: string[]; edition: string }>(
    'health/dbmsComponents',
    'read',
  ),
  installedExtensions: defineQuery<NoParams, { names: string[] }>(
    'health/installedExtensions',
    'read',
  ),
  gdsVersion: defineQuery<NoParams, { version: string }>('health/gdsVersion', 'read'),
  apocVersion: defineQuery<NoParams, { version: string }>('health/apocVersion', 'read'),
  schemaIndexes: defineQuery<NoParams, { name: string; state: string }>(
    'health/schemaIndexes',
    'read',
  ),
  changeInitialPassword: defineQuery<{ currentPassword: string; newPassword: string }, never>(
    'admin/changeInitialPassword',
    'write',
    { system: true },
  ),

  createUser: defineQuery<
    {
      username: string;
      displayName: string;
      role: string;
      organisation: Nullable<string>;
      passwordHash: string;
      createdBy: string;
    },
    { username: string }
  >('users/createUser', 'write'),
  userByUsername: defineQuery<{ username: string }, UserRow & { passwordHash: string }>(
    'users/userByUsername',
    'read',
  ),
  listUsers: defineQuery<{ skip: number; limit: number }, UserRow>('users/listUsers', 'read', {
    integerParams: ['skip', 'limit'],
  }),
  countUsers: defineQuery<NoParams, { total: number; activeAdministrators: number }>(
    'users/countUsers',
    'read',
  ),
  updateUser: defineQuery<
    {
      username: string;
      displayName: string;
      role: string;
      organisation: Nullable<string>;
      disabled: boolean;
      updatedBy: string;
    },
    { username: string }
  >('users/updateUser', 'write'),
  setPasswordHash: defineQuery<{ username: string; passwordHash: string }, { username: string }>(
    'users/setPasswordHash',
    'write',
  ),

  createSession: defineQuery<
    { id: string; csrfToken: string; username: string; ip: string; userAgent: string },
    { id: string }
  >('sessions/createSession', 'write'),
  sessionWithUser: defineQuery<
    { id: string },
    PrincipalRow & { csrfToken: string; idleSeconds: number; ageSeconds: number }
  >('sessions/sessionWithUser', 'read'),
  touchSession: defineQuery<{ id: string }, never>('sessions/touchSession', 'write'),
  deleteSession: defineQuery<{ id: string }, never>('sessions/deleteSession', 'write'),
  deleteSessionsOfUser: defineQuery<{ username: string }, never>(
    'sessions/deleteSessionsOfUser',
    'write',
  ),
  deleteExpiredSessions: defineQuery<{ idleMinutes: number; maxHours: number }, never>(
    'sessions/deleteExpiredSessions',
    'write',
    { integerParams: ['idleMinutes', 'maxHours'] },
  ),

  createToken: defineQuery<
    {
      id: string;
      secretHash: string;
      name: string;
      scopes: string[];
      expiresAt: Nullable<string>;
      username: string;
    },
    Pick<TokenRow, 'id' | 'name' | 'scopes' | 'createdAt' | 'expiresAt'>
  >('tokens/createToken', 'write'),
  tokenWithUser: defineQuery<
    { id: string },
    PrincipalRow & { secretHash: string; scopes: string[]; revoked: boolean; expired: boolean }
  >('tokens/tokenWithUser', 'read'),
  listTokens: defineQuery<{ username: Nullable<string>; skip: number; limit: number }, TokenRow>(
    'tokens/listTokens',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  revokeToken: defineQuery<
    { id: string; owner: Nullable<string>; revokedBy: string },
    { id: string; owner: string }
  >('tokens/revokeToken', 'write'),
  touchToken: defineQuery<{ id: string }, never>('tokens/touchToken', 'write'),

  lockAuditHead: defineQuery<{ genesis: string }, { seq: number; hash: string }>(
    'audit/lockAuditHead',
    'write',
  ),
  appendAuditEntries: defineQuery<
    { entries: (StoredAuditEntry & { recordId: string })[]; seq: number; hash: string },
    never
  >('audit/appendAuditEntries', 'write', { integerParams: ['seq'] }),
  storedAuditRecordIds: defineQuery<{ recordIds: string[] }, { recordId: string }>(
    'audit/storedAuditRecordIds',
    'read',
  ),
  auditHead: defineQuery<NoParams, { seq: number; hash: Nullable<string> }>(
    'audit/auditHead',
    'read',
  ),
  searchAudit: defineQuery<
    AuditFilter & { beforeSeq: Nullable<number>; limit: number },
    StoredAuditEntry
  >('audit/searchAudit', 'read', { integerParams: ['beforeSeq', 'limit'] }),
  auditEntriesAfter: defineQuery<{ afterSeq: number; limit: number }, StoredAuditEntry>(
    'audit/auditEntriesAfter',
    'read',
    { integerParams: ['afterSeq', 'limit'] },
  ),

  existingTransfers: defineQuery<{ ids: string[] }, { ids: string[] }>(
    'ingest/existingTransfers',
    'read',
  ),
  writeTransferColumns: defineQuery<TransferPlan & { organisation: string }, { created: number }>(
    'ingest/writeTransferColumns',
    'write',
  ),
  writeBankAccounts: defineQuery<BatchParams, { created: number }>(
    'ingest/writeBankAccounts',
    'write',
  ),
  existingCalls: defineQuery<{ ids: string[] }, { ids: string[] }>('ingest/existingCalls', 'read'),
  writeCallColumns: defineQuery<CallPlan & { organisation: string }, { created: number }>(
    'ingest/writeCallColumns',
    'write',
  ),
  writeSightings: defineQuery<BatchParams, { created: number }>('ingest/writeSightings', 'write'),
  writePlatformAccounts: defineQuery<BatchParams, { created: number }>(
    'ingest/writePlatformAccounts',
    'write',
  ),
  writeLogins: defineQuery<BatchParams, { created: number }>('ingest/writeLogins', 'write'),
  writeMessages: defineQuery<BatchParams, { created: number }>('ingest/writeMessages', 'write'),
  writeReports: defineQuery<BatchParams, { created: number }>('ingest/writeReports', 'write'),
  recordSource: defineQuery<
    {
      id: string;
      organisation: string;
      kind: string;
      fileName: string;
      rowsRead: number;
      rowsLoaded: number;
      rowsRejected: number;
    },
    never
  >('ingest/recordSource', 'write'),

  // Bulk first load (server/ingest/bulk/).
  countNodes: defineQuery<NoParams, { nodes: number }>('ingest/countNodes', 'read'),

  searchEntities: defineQuery<
    {
      ids: string[];
      accountNumber: string | null;
      handle: string | null;
      name: string | null;
      organisation: string | null;
      limit: number;
    },
    { type: string; id: string; label: string; rank: number; summary: string }
  >('search/searchEntities', 'read', { integerParams: ['limit'] }),
  neighbourCounts: defineQuery<
    { type: string; id: string },
    { relationship: string; outgoing: boolean; neighbourType: string; count: number }
  >('expand/neighbourCounts', 'read', { labelParam: startLabel }),
  neighbourPage: defineQuery<
    {
      type: string;
      id: string;
      relationships: string[] | null;
      neighbourTypes: string[] | null;
      from: string | null;
      to: string | null;
      mostConnected: boolean;
      scanCap: number;
      skip: number;
      limit: number;
    },
    { total: number; neighbours: NeighbourRow[] }
  >('expand/neighbourPage', 'read', {
    integerParams: ['scanCap', 'skip', 'limit'],
    labelParam: startLabel,
  }),
  twoHopNeighbourPage: defineQuery<
    {
      type: string;
      id: string;
      relationships: string[];
      neighbourTypes: string[] | null;
      firstCap: number;
      perNeighbourCap: number;
      skip: number;
      limit: number;
    },
    {
      firstHop: number;
      firstHopCapped: boolean;
      cutNeighbours: number;
      total: number;
      neighbours: { type: string; id: string; via: number; through: string[] }[];
    }
  >('expand/twoHopNeighbourPage', 'read', {
    integerParams: ['firstCap', 'perNeighbourCap', 'skip', 'limit'],
    labelParam: startLabel,
  }),
  eventsOfEntities: defineQuery<
    {
      accounts: string[];
      numbers: string[];
      handles: string[];
      from: string | null;
      to: string | null;
      skip: number;
      limit: number;
    },
    TimelineEvent
  >('timeline/eventsOfEntities', 'read', { integerParams: ['skip', 'limit'] }),
  transferById: defineQuery<
    { id: string },
    { id: string; from: string; to: string; amountMinor: number; currency: string; time: string }
  >('trace/transferById', 'read'),
  transfersOutAfter: defineQuery<
    {
      frontier: { account: string; after: string }[];
      until: string;
      currency: string;
      perAccount: number;
    },
    FlowRow
  >('trace/transfersOutAfter', 'read', { integerParams: ['perAccount'] }),
  transfersOfAccounts: defineQuery<
    { accounts: string[]; since: string; until: string; currency: string; cap: number },
    FlowRow
  >('trace/transfersOfAccounts', 'read', { integerParams: ['cap'] }),
  transfersInBefore: defineQuery<
    {
      frontier: { account: string; before: string }[];
      since: string;
      currency: string;
      perAccount: number;
    },
    FlowRow
  >('trace/transfersInBefore', 'read', { integerParams: ['perAccount'] }),
  accountCurrency: defineQuery<{ id: string }, { id: string; currency: string | null }>(
    'trace/accountCurrency',
    'read',
  ),
  shortestPaths: defineQuery<
    {
      fromType: string;
      fromId: string;
      toType: string;
      toId: string;
      relationships: string[];
      maxHops: number;
      k: number;
    },
    { nodes: PathNode[]; links: PathLink[] }
  >('paths/shortestPaths', 'read', { integerParams: ['maxHops', 'k'] }),
  eventsOutAfter: defineQuery<
    {
      kind: 'BankAccount' | 'PhoneNumber';
      frontier: { node: string; after: string }[];
      until: string;
      perNode: number;
    },
    {
      from: string;
      to: string;
      event: string;
      at: string;
      amountMinor: number | null;
      currency: string | null;
    }
  >('paths/eventsOutAfter', 'read', { integerParams: ['perNode'] }),
  devicesWithManySims: defineQuery<
    { minSims: number; skip: number; limit: number },
    { device: string; sims: number; numbers: number; calls: number; first: string; last: string }
  >('shared/devicesWithManySims', 'read', { integerParams: ['minSims', 'skip', 'limit'] }),
  sharedOrigins: defineQuery<
    { minAccounts: number; maxAccounts: number; skip: number; limit: number },
    { type: string; id: string; accounts: string[]; total: number }
  >('shared/sharedOrigins', 'read', {
    integerParams: ['minAccounts', 'maxAccounts', 'skip', 'limit'],
  }),
  namedInReports: defineQuery<
    { minCases: number; minStations: number; skip: number; limit: number },
    { type: string; id: string; cases: string[]; stations: string[]; lossMinor: number }
  >('shared/namedInReports', 'read', {
    integerParams: ['minCases', 'minStations', 'skip', 'limit'],
  }),
  samePersonEvidence: defineQuery<{ maxShared: number; scanCap: number }, SamePersonEvidenceRow>(
    'shared/samePersonEvidence',
    'read',
    { integerParams: ['maxShared', 'scanCap'] },
  ),
  samePersonEvidenceOf: defineQuery<
    { type: string; id: string; maxShared: number; scanCap: number },
    SamePersonEvidenceRow
  >('shared/samePersonEvidenceOf', 'read', { integerParams: ['maxShared', 'scanCap'] }),
  recordIdentityReview: defineQuery<
    {
      id: string;
      pair: string;
      aType: string;
      aId: string;
      bType: string;
      bId: string;
      decision: string;
      score: number;
      reasons: string[];
      note: string | null;
      decidedBy: string;
    },
    IdentityReviewRow
  >('shared/recordIdentityReview', 'write'),
  identityReviews: defineQuery<{ pairs: string[] }, IdentityReviewRow>(
    'shared/identityReviews',
    'read',
  ),
  projectAnalysisGraph: defineQuery<
    { name: string; sources: number[]; targets: number[]; weights: number[] },
    { nodeCount: number; relationshipCount: number }
  >('gds/projectAnalysisGraph', 'write', {
    integerParams: ['sources', 'targets'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  gdsLouvainStream: defineQuery<
    { name: string; concurrency: number },
    { nodeId: number; communityId: number }
  >('gds/louvainStream', 'read', {
    integerParams: ['concurrency'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  gdsLeidenStream: defineQuery<
    { name: string; resolution: number; seed: number; concurrency: number },
    { nodeId: number; communityId: number }
  >('gds/leidenStream', 'read', {
    integerParams: ['seed', 'concurrency'],
    timeoutMs: ANALYSIS_TIMEOUT_MS,
  }),
  dropGdsGraph: defineQuery<{ name: string }, { graphName: string }>('gds/dropGraph', 'write'),
  warmPageCache: defineQuery<NoParams, { nodes: number; relationships: number }>(
    'admin/warmPageCache',
    'read',
  ),
  graphIsEmpty: defineQuery<NoParams, { empty: boolean }>('demo/graphIsEmpty', 'read'),
  graphSummary: defineQuery<NoParams, { label: string; count: number }>(
    'graph/graphSummary',
    'read',
  ),
  graphSize: defineQuery<NoParams, { nodes: number; relationships: number }>(
    'graph/graphSize',
    'read',
  ),

  entityById: defineQuery<
    { type: string; id: string; organisation: Nullable<string> },
    { type: string; entity: { labels: string[]; properties: Record<string, unknown> } }
  >('entities/entityById', 'read'),
  createWorkspace: defineQuery<
    { id: string; owner: string; name: string; document: string; sizeBytes: number },
    WorkspaceRow
  >('workspaces/createWorkspace', 'write', { integerParams: ['sizeBytes'] }),
  listWorkspaces: defineQuery<{ owner: string; skip: number; limit: number }, WorkspaceRow>(
    'workspaces/listWorkspaces',
    'read',
    { integerParams: ['skip', 'limit'] },
  ),
  workspaceById: defineQuery<{ id: string; owner: string }, WorkspaceRow & { document: string }>(
    'workspaces/workspaceById',
    'read',
  ),
  updateWorkspace: defineQuery<
    {
      id: string;
      owner: string;
      name: Nullable<string>;
      document: Nullable<string>;
      sizeBytes: Nullable<number>;
    },
    WorkspaceRow
  >('workspaces/updateWorkspace', 'write', { integerParams: ['sizeBytes'] }),
  deleteWorkspace: defineQuery<{ id: string; owner: string }, { id: string }>(
    'workspaces/deleteWorkspace',
    'write',
  ),
  countWorkspaces: defineQuery<{ owner: string }, { count: number }>(
    'workspaces/countWorkspaces',
    'read',
  ),
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

export const allQueries = Object.values(queries);
