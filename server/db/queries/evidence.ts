/**
 * Queries of `cypher/evidence/`. The facts of an evidence bundle read again by id: identities,
 * the records joining them and the links records state, each with its source.
 */
import { defineQuery, type Nullable } from '../query';

/** The identities of a bundle by kind (and the partner's organisation, or null). */
export interface EvidenceScope {
  accounts: string[];
  numbers: string[];
  sims: string[];
  devices: string[];
  handles: string[];
  ips: string[];
  people: string[];
  cases: string[];
  organisation: Nullable<string>;
}

/** Where a record came from: the file (Source) and its line. */
export interface EvidenceSourceColumns {
  sourceId: string | null;
  sourceLine: number | null;
  organisation: string | null;
  fileName: string | null;
}

export interface EvidenceEventRow extends EvidenceSourceColumns {
  kind: 'Transfer' | 'Call' | 'Message' | 'Sighting' | 'Login';
  id: string;
  fromType: string;
  from: string;
  toType: string;
  to: string;
  at: string;
  offset: string | null;
  amountMinor: number | null;
  currency: string | null;
  durationSeconds: number | null;
  detail: string | null;
  recordId: string | null;
}

export interface EvidenceLinkRow extends EvidenceSourceColumns {
  type: string;
  fromType: string;
  from: string;
  toType: string;
  to: string;
}

export interface EvidenceTransferRow extends EvidenceSourceColumns {
  id: string;
  from: string;
  to: string;
  at: string;
  offset: string | null;
  amountMinor: number;
  currency: string;
  channel: string | null;
  reference: string | null;
  recordId: string | null;
}

export interface EvidenceSourceRow {
  id: string;
  organisation: string | null;
  kind: string | null;
  fileName: string | null;
  firstLoadedAt: string | null;
}

export const evidenceQueries = {
  evidenceIdentities: defineQuery<
    EvidenceScope,
    { type: string; id: string; labels: string[]; properties: Record<string, unknown> }
  >('evidence/identitiesByIds', 'read'),
  evidenceEvents: defineQuery<
    Omit<EvidenceScope, 'people' | 'cases'> & { limit: number },
    EvidenceEventRow
  >('evidence/eventsAmong', 'read', { integerParams: ['limit'] }),
  evidenceLinks: defineQuery<Omit<EvidenceScope, 'sims'>, EvidenceLinkRow>(
    'evidence/linksAmong',
    'read',
  ),
  evidenceTransfers: defineQuery<
    { ids: string[]; organisation: Nullable<string> },
    EvidenceTransferRow
  >('evidence/transfersByIds', 'read'),
  evidenceSources: defineQuery<{ ids: string[] }, EvidenceSourceRow>(
    'evidence/sourcesByIds',
    'read',
  ),
} as const;
