/**
 * The query registry: every query Ringtrace runs, by intent, with its parameter and row types.
 * Each folder of `cypher/` has a file here of the same name that defines its queries and declares
 * their row types; this index puts them together, so a caller runs `queries.name` whatever its
 * area. `loadQueries` checks files and registry match at start (two areas defining one name would
 * leave a file without its definition). Schema statements (`cypher/schema/`) are applied by
 * `server/db/schema.ts` instead.
 */
import { adminQueries } from './admin';
import { analysisQueries } from './analysis';
import { auditQueries } from './audit';
import { demoQueries } from './demo';
import { evidenceQueries } from './evidence';
import { entitiesQueries } from './entities';
import { expandQueries } from './expand';
import { freezeQueries } from './freeze';
import { gdsQueries } from './gds';
import { graphQueries } from './graph';
import { healthQueries } from './health';
import { ingestQueries } from './ingest';
import { pathsQueries } from './paths';
import { searchQueries } from './search';
import { sessionsQueries } from './sessions';
import { sharedQueries } from './shared';
import { timelineQueries } from './timeline';
import { tokensQueries } from './tokens';
import { traceQueries } from './trace';
import { usersQueries } from './users';
import { warningQueries } from './warning';
import { workspacesQueries } from './workspaces';

export const queries = {
  ...adminQueries,
  ...analysisQueries,
  ...auditQueries,
  ...demoQueries,
  ...evidenceQueries,
  ...entitiesQueries,
  ...expandQueries,
  ...freezeQueries,
  ...gdsQueries,
  ...graphQueries,
  ...healthQueries,
  ...ingestQueries,
  ...pathsQueries,
  ...searchQueries,
  ...sessionsQueries,
  ...sharedQueries,
  ...timelineQueries,
  ...tokensQueries,
  ...traceQueries,
  ...usersQueries,
  ...warningQueries,
  ...workspacesQueries,
} as const;

export const allQueries = Object.values(queries);

export type { RingRow, RunRow } from './analysis';
export type { StoredAuditEntry } from './audit';
export type { NeighbourRow } from './expand';
export type { StopRow, StopWrite, VictimPayment } from './freeze';
export type { BatchParams, CallPlan, PairColumns, TransferPlan } from './ingest';
export type { PathLinkRow, PathNodeRow } from './paths';
export type { IdentityReviewRow, IdentitySummaryRow, SamePersonEvidenceRow } from './shared';
export type { TimelineEvent } from './timeline';
export type { TokenRow } from './tokens';
export type { AlertRow, AlertWrite, PersonFound } from './warning';
export type { FlowRow } from './trace';
export type { PrincipalRow, UserRow } from './users';
export type { WorkspaceRow } from './workspaces';
