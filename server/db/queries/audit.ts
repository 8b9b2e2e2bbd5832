/**
 * Queries of `cypher/audit/`. The audit trail: appending entries under a lock on the head, and
 * reading them back.
 */
import { defineQuery, type NoParams, type Nullable } from '../query';

/**
 * An audit entry as stored (see `server/audit/chain.ts` for what each field means): its
 * parameters are canonical JSON text.
 */
export interface StoredAuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly params: string;
  readonly resultSize: number;
  readonly outcome: string;
  readonly requestId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

interface AuditFilter {
  actor: Nullable<string>;
  action: Nullable<string>;
  from: Nullable<string>;
  to: Nullable<string>;
}

export const auditQueries = {
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
} as const;
