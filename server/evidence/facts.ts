/**
 * Reads the facts of an evidence bundle from Neo4j, by id, as the caller may see them: the client
 * names only what the bundle is made from (a saved investigation, a ring, a trace, entities) and
 * how it arranged the chart. Partners get only their own organisation's identities and the records
 * their organisation supplied, by the rules the entity panel and search apply.
 */
import { can, type Principal } from '../auth/principal';
import type { EvidenceFrom } from '../contract/evidence';
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import type {
  EvidenceScope,
  EvidenceSourceColumns,
  EvidenceSourceRow,
} from '../db/queries/evidence';
import { badRequest, forbidden, notFound } from '../errors';
import { traceForward } from '../services/trace';
import { getWorkspace } from '../services/workspaces';
import type {
  EvidenceFacts,
  FactEvent,
  FactLink,
  FactNode,
  MadeFrom,
  SourceFile,
  SourceRef,
} from './model';

export const FACTS_DEFAULTS = {
  /** Most records (transfers, calls, ...) one bundle holds; more is reported as truncated. */
  maxEvents: 20_000,
} as const;

type Position = { readonly x: number; readonly y: number };

/** What the bundle starts from before the facts are read: entities with what is claimed of them. */
interface Seed {
  readonly madeFrom: MadeFrom;
  readonly entities: Map<string, SeedEntity>;
  /** Transfer ids of a money trail, with the traced amount each carried. */
  readonly trailTransfers: Map<string, number> | null;
}

interface SeedEntity {
  readonly type: string;
  readonly id: string;
  readonly label: string | null;
  readonly role: string | null;
  readonly score: number | null;
  readonly reasons: readonly string[];
  readonly position: Position | null;
}

const SCOPE_FIELD = {
  BankAccount: 'accounts',
  PhoneNumber: 'numbers',
  SIM: 'sims',
  Device: 'devices',
  PlatformAccount: 'handles',
  IPAddress: 'ips',
  Person: 'people',
  Case: 'cases',
} as const satisfies Record<string, keyof Omit<EvidenceScope, 'organisation'>>;

type ScopedType = keyof typeof SCOPE_FIELD;

function isScopedType(type: string): type is ScopedType {
  return Object.hasOwn(SCOPE_FIELD, type);
}

/** Splits `Type:id` at its first colon (ids contain colons: `ICBC:6222...`). */
export function splitKey(key: string): { type: string; id: string } | null {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1) return null;
  return { type: key.slice(0, at), id: key.slice(at + 1) };
}

function seedEntity(type: string, id: string, extra: Partial<SeedEntity> = {}): SeedEntity {
  return {
    type,
    id,
    label: extra.label ?? null,
    role: extra.role ?? null,
    score: extra.score ?? null,
    reasons: extra.reasons ?? [],
    position: extra.position ?? null,
  };
}

function needsGraphRead(principal: Principal, what: string): void {
  if (!can(principal, 'graph:read')) {
    throw forbidden(`A bundle from ${what} needs graph:read; partners make bundles of entities.`);
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asPosition(value: unknown): Position | null {
  const record = asRecord(value);
  if (!record) return null;
  const { x, y } = record;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x + y) ? { x, y } : null;
}

async function investigationSeed(
  executor: Executor,
  principal: Principal,
  id: string,
): Promise<Seed> {
  needsGraphRead(principal, 'a saved investigation');
  const saved = await getWorkspace(executor, principal.username, id);
  const document = asRecord(saved.document);
  const nodes = Array.isArray(document?.nodes) ? (document.nodes as unknown[]) : [];
  const entities = new Map<string, SeedEntity>();
  for (const node of nodes) {
    const data = asRecord(asRecord(node)?.data);
    if (!data || typeof data.id !== 'string') continue;
    const split = splitKey(data.id);
    const type = typeof data.type === 'string' ? data.type : split?.type;
    const entityId = typeof data.entityId === 'string' ? data.entityId : split?.id;
    if (!type || !entityId || !isScopedType(type)) continue;
    entities.set(`${type}:${entityId}`, {
      ...seedEntity(type, entityId, {
        label: typeof data.label === 'string' ? data.label : null,
        role: typeof data.role === 'string' ? data.role : null,
        score: typeof data.score === 'number' ? data.score : null,
      }),
      position: asPosition(asRecord(node)?.position),
    });
  }
  return {
    madeFrom: {
      kind: 'investigation',
      id,
      title: `Saved investigation “${saved.name}”`,
      run: null,
      ring: null,
      trail: null,
    },
    entities,
    trailTransfers: null,
  };
}

async function ringSeed(executor: Executor, principal: Principal, id: string): Promise<Seed> {
  needsGraphRead(principal, 'a ring');
  const detail = await executor.first(queries.analysisRingDetail, { id });
  if (!detail) throw notFound(`No ring ${id}.`);
  const found = await executor.first(queries.getAnalysisRun, { id: detail.ring.run });
  const entities = new Map<string, SeedEntity>();
  for (const member of detail.members) {
    entities.set(
      `${member.type}:${member.id}`,
      seedEntity(member.type, member.id, {
        label: member.label,
        role: member.role,
        score: member.score,
        reasons: member.reasons,
      }),
    );
  }
  const run = found?.run;
  let params: Record<string, unknown> = {};
  try {
    params = asRecord(JSON.parse(run?.params ?? '{}')) ?? {};
  } catch {
    params = {};
  }
  return {
    madeFrom: {
      kind: 'ring',
      id,
      title: `Ring ${detail.ring.ring} of analysis run ${detail.ring.run}`,
      run: run
        ? {
            id: run.id,
            engine: run.engine,
            version: run.version,
            startedBy: run.startedBy,
            startedAt: run.startedAt,
            params,
          }
        : null,
      ring: {
        id: detail.ring.id,
        typology: detail.ring.typology,
        score: detail.ring.score,
        reasons: detail.ring.reasons,
      },
      trail: null,
    },
    entities,
    trailTransfers: null,
  };
}

async function traceSeed(
  executor: Executor,
  principal: Principal,
  from: Extract<EvidenceFrom, { trace: string }>,
): Promise<Seed> {
  needsGraphRead(principal, 'a money-flow trace');
  const trace = await traceForward(executor, from.trace, {
    method: from.method,
    depth: from.depth,
    windowHours: from.windowHours,
  });
  const entities = new Map<string, SeedEntity>();
  const held = new Map(trace.holdings.map((holding) => [holding.account, holding]));
  const add = (account: string, depth: number | null) => {
    const key = `BankAccount:${account}`;
    if (entities.has(key)) return;
    const holding = held.get(account);
    entities.set(
      key,
      seedEntity('BankAccount', account, {
        role: account === trace.transfer.from ? 'victim account' : holding ? 'holds money' : 'hop',
        reasons: holding
          ? [`still holds ${holding.tracedMinor} minor units of the traced money`]
          : depth === null
            ? []
            : [`reached at hop ${depth}`],
      }),
    );
  };
  add(trace.transfer.from, 0);
  add(trace.transfer.to, 1);
  for (const hop of trace.hops) {
    add(hop.from, null);
    add(hop.to, hop.depth);
  }
  const trailTransfers = new Map<string, number>([[trace.transfer.id, trace.transfer.amountMinor]]);
  for (const hop of trace.hops) trailTransfers.set(hop.id, hop.tracedMinor);
  return {
    madeFrom: {
      kind: 'trace',
      id: from.trace,
      title: `Money-flow trace from transfer ${from.trace}`,
      run: null,
      ring: null,
      trail: {
        transferId: trace.transfer.id,
        from: trace.transfer.from,
        to: trace.transfer.to,
        amountMinor: trace.transfer.amountMinor,
        currency: trace.transfer.currency,
        at: trace.transfer.time,
        method: trace.method,
        depth: trace.depth,
        windowHours: trace.windowHours,
        truncated: trace.truncated,
        hops: trace.hops.map((hop) => ({
          id: hop.id,
          from: hop.from,
          to: hop.to,
          at: hop.time,
          amountMinor: hop.amountMinor,
          tracedMinor: hop.tracedMinor,
          depth: hop.depth,
        })),
        holdings: trace.holdings.map((holding) => ({
          account: holding.account,
          tracedMinor: holding.tracedMinor,
          depth: holding.depth,
        })),
      },
    },
    entities,
    trailTransfers,
  };
}

function entitiesSeed(keys: readonly string[]): Seed {
  const entities = new Map<string, SeedEntity>();
  for (const key of keys) {
    const split = splitKey(key);
    if (!split) throw badRequest(`from.entities: ${key} is not Type:id.`);
    if (!isScopedType(split.type)) continue;
    entities.set(`${split.type}:${split.id}`, seedEntity(split.type, split.id));
  }
  return {
    madeFrom: {
      kind: 'entities',
      id: `${entities.size} entities`,
      title: `${entities.size} chosen entities`,
      run: null,
      ring: null,
      trail: null,
    },
    entities,
    trailTransfers: null,
  };
}

function emptyScope(organisation: string | null): EvidenceScope {
  return {
    accounts: [],
    numbers: [],
    sims: [],
    devices: [],
    handles: [],
    ips: [],
    people: [],
    cases: [],
    organisation,
  };
}

function scopeOf(
  entities: Iterable<{ type: string; id: string }>,
  organisation: string | null,
): EvidenceScope {
  const scope = emptyScope(organisation);
  for (const { type, id } of entities) {
    if (isScopedType(type)) scope[SCOPE_FIELD[type]].push(id);
  }
  return scope;
}

function fileHash(sourceId: string): string {
  const at = sourceId.indexOf(':');
  return at < 0 ? sourceId : sourceId.slice(at + 1);
}

function sourceRef(columns: EvidenceSourceColumns, recordId: string | null): SourceRef | null {
  if (!columns.sourceId) return null;
  return {
    sourceId: columns.sourceId,
    organisation: columns.organisation ?? columns.sourceId.split(':')[0] ?? '',
    fileName: columns.fileName ?? '',
    fileSha256: fileHash(columns.sourceId),
    line: columns.sourceLine,
    recordId,
  };
}

function labelOf(properties: Record<string, unknown>, fallback: string | null, id: string): string {
  for (const field of ['name', 'displayName', 'handle']) {
    const value = properties[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return fallback ?? id;
}

/** A partner's view of a record: without the provenance other organisations gave it. */
function partnerProperties(
  properties: Record<string, unknown>,
  organisation: string,
): Record<string, unknown> {
  const { operator: _firstUploader, recordSourceId, recordLine, ...rest } = properties;
  const own = typeof recordSourceId === 'string' && recordSourceId.startsWith(`${organisation}:`);
  return own ? { ...rest, recordSourceId, recordLine } : rest;
}

async function seedFor(executor: Executor, principal: Principal, from: EvidenceFrom) {
  if ('investigation' in from) return investigationSeed(executor, principal, from.investigation);
  if ('ring' in from) return ringSeed(executor, principal, from.ring);
  if ('trace' in from) return traceSeed(executor, principal, from);
  return entitiesSeed(from.entities);
}

/**
 * The facts of a bundle. `positions` (by `Type:id`) are the investigator's arrangement; they win
 * over the positions a saved investigation keeps.
 */
export async function readFacts(
  executor: Executor,
  principal: Principal,
  from: EvidenceFrom,
  positions: Readonly<Record<string, Position>>,
  options: { maxEvents?: number } = {},
): Promise<EvidenceFacts> {
  const maxEvents = options.maxEvents ?? FACTS_DEFAULTS.maxEvents;
  const organisation = can(principal, 'graph:read') ? null : (principal.organisation ?? '');
  const seed = await seedFor(executor, principal, from);

  const rows = await executor.run(
    queries.evidenceIdentities,
    scopeOf(seed.entities.values(), organisation),
  );
  let nodes: FactNode[] = rows.map((row) => {
    const key = `${row.type}:${row.id}`;
    const claimed = seed.entities.get(key);
    const properties =
      organisation === null ? row.properties : partnerProperties(row.properties, organisation);
    const caseSource =
      row.type === 'Case' && typeof properties.sourceId === 'string'
        ? sourceRef(
            {
              sourceId: properties.sourceId,
              sourceLine: typeof properties.sourceLine === 'number' ? properties.sourceLine : null,
              organisation: null,
              fileName: null,
            },
            typeof properties.recordId === 'string' ? properties.recordId : null,
          )
        : null;
    return {
      key,
      type: row.type,
      id: row.id,
      label: labelOf(properties, claimed?.label ?? null, row.id),
      properties,
      role: claimed?.role ?? null,
      score: claimed?.score ?? null,
      reasons: claimed?.reasons ?? [],
      position: positions[key] ?? claimed?.position ?? null,
      source: caseSource,
    };
  });
  const visible = scopeOf(nodes, organisation);

  let events: FactEvent[];
  let truncated = false;
  if (seed.trailTransfers) {
    const trail = seed.trailTransfers;
    const transfers = await executor.run(queries.evidenceTransfers, {
      ids: [...trail.keys()],
      organisation,
    });
    const shown = new Set(visible.accounts);
    events = transfers
      .filter((row) => shown.has(row.from) && shown.has(row.to))
      .map((row) => ({
        kind: 'Transfer',
        id: row.id,
        from: `BankAccount:${row.from}`,
        to: `BankAccount:${row.to}`,
        at: new Date(row.at).toISOString(),
        offset: row.offset,
        amountMinor: row.amountMinor,
        currency: row.currency,
        durationSeconds: null,
        detail: row.channel,
        tracedMinor: trail.get(row.id) ?? null,
        source: sourceRef(row, row.recordId),
      }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  } else {
    const { people: _people, cases: _cases, ...among } = visible;
    const eventRows = await executor.run(queries.evidenceEvents, { ...among, limit: maxEvents });
    truncated = eventRows.length > maxEvents;
    events = eventRows.slice(0, maxEvents).map((row) => ({
      kind: row.kind,
      id: row.id,
      from: `${row.fromType}:${row.from}`,
      to: `${row.toType}:${row.to}`,
      at: new Date(row.at).toISOString(),
      offset: row.offset,
      amountMinor: row.amountMinor,
      currency: row.currency,
      durationSeconds: row.durationSeconds,
      detail: row.detail,
      tracedMinor: null,
      source: sourceRef(row, row.recordId),
    }));
  }

  const { sims: _sims, ...linkScope } = visible;
  const linkRows = await executor.run(queries.evidenceLinks, linkScope);
  const links: FactLink[] = linkRows.map((row) => ({
    type: row.type,
    from: `${row.fromType}:${row.from}`,
    to: `${row.toType}:${row.to}`,
    source: sourceRef(row, null),
  }));

  // An account is shown with its holder's name when the bundle holds who holds it.
  const names = new Map(nodes.map((node) => [node.key, node.label]));
  const holders = new Map<string, string[]>();
  for (const link of links) {
    const name = names.get(link.from);
    if (link.type !== 'HOLDS' || name === undefined) continue;
    holders.set(link.to, [...(holders.get(link.to) ?? []), name]);
  }
  nodes = nodes.map((node) => {
    const held = holders.get(node.key);
    return held && node.label === node.id
      ? { ...node, label: `${node.id} (${held.join(', ')})` }
      : node;
  });

  const sourceIds = new Set<string>();
  for (const item of [...events, ...links, ...nodes]) {
    if (item.source) sourceIds.add(item.source.sourceId);
  }
  const sourceRows = await executor.run(queries.evidenceSources, { ids: [...sourceIds] });
  const sources = sourceRows.map(sourceFile).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  const byId = new Map(sources.map((source) => [source.sourceId, source]));
  const withFile = <T extends { source: SourceRef | null }>(item: T): T => {
    const file = item.source ? byId.get(item.source.sourceId) : undefined;
    if (!item.source || !file) return item;
    return {
      ...item,
      source: { ...item.source, organisation: file.organisation, fileName: file.fileName },
    };
  };

  return {
    madeFrom: seed.madeFrom,
    scope: organisation ?? 'all',
    nodes: nodes.map(withFile),
    events: events.map(withFile),
    links: links.map(withFile),
    sources,
    truncated,
  };
}

function sourceFile(row: EvidenceSourceRow): SourceFile {
  return {
    sourceId: row.id,
    organisation: row.organisation ?? row.id.split(':')[0] ?? '',
    kind: row.kind ?? '',
    fileName: row.fileName ?? '',
    fileSha256: fileHash(row.id),
    firstLoadedAt: row.firstLoadedAt,
  };
}
