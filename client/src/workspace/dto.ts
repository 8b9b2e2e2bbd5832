/**
 * The API's answers as the workspace reads them. Entity references are `{ type, id, label? }` and
 * keys are `Type:id` everywhere.
 */
import type { TimelineEvent } from '../../../server/db/queries';

export interface EntityRef {
  type: string;
  id: string;
  label?: string;
}

export interface SearchHitDto {
  type: string;
  id: string;
  label: string;
  rank: number;
  summary: string;
}

export interface EntityViewDto {
  type: string;
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface NeighbourCountDto {
  relationship: string;
  outgoing: boolean;
  neighbourType: string;
  count: number;
}

export interface NeighbourCountsDto {
  total: number;
  counts: NeighbourCountDto[];
}

export interface NeighbourDto {
  relationship: string;
  outgoing: boolean;
  type: string;
  id: string;
  degree: number;
  at: string | null;
  /** The relationship's properties: provenance (`sourceId`, `sourceLine`) or aggregate counts. */
  properties: Record<string, unknown>;
}

export interface NeighbourPageDto {
  neighbours: NeighbourDto[];
  total: number;
  skip: number;
  limit: number;
  leftOut: number;
  capped: boolean;
  note: string | null;
}

export interface TraceHopDto {
  id: string;
  from: string;
  to: string;
  amountMinor: number;
  time: string;
  tracedMinor: number;
  depth: number | null;
}

export interface TraceHoldingDto {
  account: string;
  tracedMinor: number;
  currency: string;
  depth: number | null;
}

/** `GET /api/trace/forward` and `/api/trace/backward`. */
export interface TraceDto {
  transfer: {
    id: string;
    from: string;
    to: string;
    amountMinor: number;
    currency: string;
    time: string;
  };
  method: string;
  depth: number;
  windowHours: number;
  hops: TraceHopDto[];
  holdings: TraceHoldingDto[];
  truncated: boolean;
}

export interface PathLinkDto {
  type: string;
  source: string;
  target: string;
  time?: string;
  amountMinor?: number;
  currency?: string;
}

export interface PathsDto {
  paths: { nodes: EntityRef[]; links: PathLinkDto[] }[];
  note?: string;
}

/** One event on a timeline, as the server's query returns it. */
export type TimelineEventDto = TimelineEvent;

export interface TimelineDto {
  events: TimelineEventDto[];
  skip: number;
  limit: number;
  more: boolean;
}

export type RingRole =
  | 'ringleader'
  | 'key_member'
  | 'organiser'
  | 'caller'
  | 'mule_herder'
  | 'mule'
  | 'cash_out'
  | 'member';

export interface RingSummaryDto {
  /** `runId/R1`: the key `GET /api/rings/:run/:ring` takes. */
  id: string;
  /** `R1`: the ring's name within its run. */
  ring: string;
  rank: number;
  /** What kind of ring: `mule_chain`, `fan_in`, `cycle`, `calling_ring`, `community`, ... */
  typology: string | null;
  score: number;
  size: number;
  reasons: string[];
  /** `Type:id` of the ring's top ringleader, or null. */
  ringleader: string | null;
}

export interface RingsDto {
  run: string;
  rings: RingSummaryDto[];
  more: boolean;
}

export interface RingDetailDto {
  ring: { id: string; score: number; size: number; reasons: string[] };
  members: { entity: EntityRef; role: RingRole; score: number; reasons: string[] }[];
  links: { type: string; source: string; target: string; weight?: number }[];
}

export interface AnalysisRunDto {
  id: string;
  status: 'running' | 'finished' | 'failed';
  step: string;
  /** 0..1 */
  fraction: number;
  startedAt: string;
  finishedAt: string | null;
  engine: string;
  params: Record<string, unknown>;
  ringCount: number | null;
  /** What the run weighed and found, in plain words; when no ring, why. */
  explanation: string | null;
  error: string | null;
}

export interface WorkspaceSummaryDto {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  sizeBytes: number;
}

export interface WorkspaceDto extends WorkspaceSummaryDto {
  document: unknown;
}
