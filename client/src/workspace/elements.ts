/**
 * Pure mapping from API answers to canvas elements (`toElements(dto)`): search hits, guarded
 * expansion pages, forward and backward traces, paths, rings and their members. The server is
 * the source of truth for every score, role and amount; nothing here recomputes analytics.
 */
import type {
  BackwardTrace,
  ForwardTrace,
  NeighbourCount,
  NeighbourPage,
  PathsAnswer,
  RingDetail,
  SearchHit,
  TimelineEvent,
} from '../../../server/contract';
import { isRecordEvent } from '../../../server/contract/graph';
import { formatClock } from '../time';
import { holdingMark } from './labels';
import { roleLinkClass } from './roles';
import {
  entityKey,
  formatMoney,
  mergeElements,
  parseKey,
  type EdgeDef,
  type Elements,
  type NodeDef,
} from './model';

/** An entity as the workspace refers to it; keys are `Type:id`. */
export interface EntityRef {
  type: string;
  id: string;
  label?: string;
}

/** A readable label for an entity from its type and id when the API gave none. */
export function defaultLabel(type: string, id: string): string {
  if (type === 'BankAccount') return id.replace(':', ' ');
  if (type === 'PlatformAccount') return id.replace(':', ' @');
  return id;
}

export function refNode(ref: EntityRef): NodeDef {
  return {
    group: 'nodes',
    data: {
      id: entityKey(ref.type, ref.id),
      type: ref.type,
      entityId: ref.id,
      label: ref.label ?? defaultLabel(ref.type, ref.id),
    },
  };
}

export function hitNode(hit: SearchHit): NodeDef {
  return refNode({ type: hit.type, id: hit.id, label: hit.label });
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An edge id that tells parallel links apart (one per relationship type, direction, currency). */
export function edgeId(source: string, type: string, target: string, extra = ''): string {
  return `${source}|${type}|${target}${extra ? `|${extra}` : ''}`;
}

/** One page of a guarded expansion around `parent` (a `Type:id` key). */
export function neighbourElements(parent: string, page: NeighbourPage): Elements {
  const nodes: NodeDef[] = [];
  const edges: EdgeDef[] = [];
  for (const row of page.neighbours) {
    const node = refNode({ type: row.type, id: row.id, ...(row.name ? { label: row.name } : {}) });
    if (row.at) node.data.time = row.at;
    nodes.push(node);
    const other = node.data.id;
    const [source, target] = row.outgoing ? [parent, other] : [other, parent];
    const props = row.properties;
    const currency = text(props.currency);
    const amount = num(props.totalMinor) ?? num(props.amountMinor);
    const count = num(props.count);
    const edge: EdgeDef = {
      group: 'edges',
      data: {
        id: edgeId(source, row.relationship, target, currency ?? ''),
        source,
        target,
        type: row.relationship,
        properties: props,
      },
    };
    if (amount !== undefined) edge.data.amountMinor = amount;
    if (currency) edge.data.currency = currency;
    if (count !== undefined) edge.data.count = count;
    const first = text(props.first);
    const last = text(props.last);
    if (first) edge.data.first = first;
    if (last) edge.data.last = last;
    if (row.at) edge.data.time = row.at;
    edges.push(edge);
  }
  return mergeElements({ nodes, edges });
}

/** What an expansion left out, in words, or null when everything was shown. */
export function describeLeftOut(page: NeighbourPage): string | null {
  const parts: string[] = [];
  if (page.leftOut > 0) {
    parts.push(
      `${page.neighbours.length} of ${page.total} neighbours shown; ${page.leftOut} left out ` +
        `(raise the limit or narrow the kinds).`,
    );
  }
  if (page.capped) parts.push(page.note ?? 'The server capped how many neighbours it considered.');
  return parts.length ? parts.join(' ') : null;
}

/**
 * Expansion choices from the counts: relationship kinds and neighbour types with totals, most
 * first. The identity links (who called or paid whom, shared handsets, holders, reports) start
 * ticked; the single records (each transfer, call, login, message, sighting) start unticked, one
 * tick away. When there is nothing but records, they start ticked.
 */
export function expansionChoices(counts: NeighbourCount[]): {
  relationships: { name: string; count: number; checked: boolean }[];
  types: { name: string; count: number; checked: boolean }[];
} {
  const identities = counts.filter((row) => !isRecordEvent(row.neighbourType));
  const ticked = (key: 'relationship' | 'neighbourType', name: string) =>
    identities.length === 0 || identities.some((row) => row[key] === name);
  const sum = (key: 'relationship' | 'neighbourType') => {
    const totals = new Map<string, number>();
    for (const row of counts) totals.set(row[key], (totals.get(row[key]) ?? 0) + row.count);
    return [...totals]
      .map(([name, count]) => ({ name, count, checked: ticked(key, name) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  };
  return { relationships: sum('relationship'), types: sum('neighbourType') };
}

const FLOW_COLUMN = 260;
const FLOW_ROW = 90;

/** Accounts in columns (x by column), each column ordered top to bottom by time. */
function flowColumns(
  columnOf: Map<string, number>,
  timeOf: Map<string, string>,
  node: (account: string) => NodeDef,
): NodeDef[] {
  const columns = new Map<number, string[]>();
  for (const [account, column] of columnOf) {
    columns.set(column, [...(columns.get(column) ?? []), account]);
  }
  const nodes: NodeDef[] = [];
  for (const [column, accounts] of columns) {
    accounts.sort((a, b) => (timeOf.get(a) ?? '').localeCompare(timeOf.get(b) ?? ''));
    accounts.forEach((account, row) => {
      const made = node(account);
      made.position = {
        x: column * FLOW_COLUMN,
        y: (row - (accounts.length - 1) / 2) * FLOW_ROW,
      };
      made.data.time = timeOf.get(account) ?? '';
      made.data.inFlow = true;
      nodes.push(made);
    });
  }
  return nodes;
}

/**
 * A forward money flow, laid out left to right in time: the victim's account first, then each
 * account in the column of its hop depth, ordered top to bottom by when traced money first
 * reached it. Edges carry the traced amount; accounts still holding traced money are `holding`.
 */
export function traceElements(trace: ForwardTrace): Elements {
  const currency = trace.transfer.currency;
  const arrival = new Map<string, string>();
  const depth = new Map<string, number>([[trace.transfer.from, 0]]);
  arrival.set(trace.transfer.from, trace.transfer.time);
  for (const hop of [...trace.hops].sort((a, b) => a.time.localeCompare(b.time))) {
    if (!arrival.has(hop.to)) arrival.set(hop.to, hop.time);
    if (!depth.has(hop.to)) depth.set(hop.to, hop.depth ?? (depth.get(hop.from) ?? 0) + 1);
    if (!arrival.has(hop.from)) arrival.set(hop.from, hop.time);
    if (!depth.has(hop.from)) depth.set(hop.from, Math.max(0, (hop.depth ?? 1) - 1));
  }
  const held = new Map(trace.holdings.map((holding) => [holding.account, holding.tracedMinor]));
  const traced = trace.transfer.amountMinor;
  const nodes = flowColumns(depth, arrival, (account) => {
    const node = refNode({ type: 'BankAccount', id: account });
    const heldMinor = held.get(account);
    const classes = ['flow'];
    if (account === trace.transfer.from) classes.push('victim-account');
    if (heldMinor && heldMinor > 0) {
      // Graded by its share of the traced amount: 29,066.71 and 0.67 CNY do not look alike.
      node.data.heldMinor = heldMinor;
      node.data.heldShare = traced > 0 ? Math.min(1, heldMinor / traced) : 0;
      node.data.heldTiny = holdingMark(heldMinor, traced).tiny;
      node.data.currency = currency;
      classes.push('holding');
    }
    node.classes = classes.join(' ');
    return node;
  });
  const edges = trace.hops.map((hop) =>
    flowEdge(hop, hop.tracedMinor, currency, hop.id === trace.transfer.id ? 'victim-transfer' : ''),
  );
  return { nodes, edges };
}

/** Totals of a forward trace for the status line: traced, still held, accounts holding it. */
export function traceSummary(trace: ForwardTrace): string {
  const held = trace.holdings.reduce((sum, holding) => sum + holding.tracedMinor, 0);
  const holders = trace.holdings.filter((holding) => holding.tracedMinor > 0).length;
  const currency = trace.transfer.currency;
  const beyond = trace.beyondDepth.reduce((sum, left) => sum + left.tracedMinor, 0);
  return (
    `${formatMoney(trace.transfer.amountMinor, currency)} traced through ${trace.hops.length} ` +
    `transfers (${trace.method}); ${formatMoney(held, currency)} still held in ${holders} ` +
    `accounts that can be frozen` +
    (beyond > 0
      ? `; ${formatMoney(beyond, currency)} left accounts at hop ${trace.depth} and was not ` +
        'followed further: trace deeper'
      : '') +
    `${trace.truncated ? ' (trace truncated: narrow the window)' : ''}.`
  );
}

/** One transfer of a traced flow, labelled with the traced part of its amount. */
function flowEdge(
  hop: {
    id: string;
    from: string;
    to: string;
    amountMinor: number;
    time: string;
    depth: number | null;
  },
  tracedMinor: number,
  currency: string,
  extraClass: string,
): EdgeDef {
  return {
    group: 'edges',
    data: {
      id: `Transfer:${hop.id}`,
      source: entityKey('BankAccount', hop.from),
      target: entityKey('BankAccount', hop.to),
      type: 'TRANSFER',
      amountMinor: hop.amountMinor,
      tracedMinor,
      currency,
      time: hop.time,
      label: `${formatMoney(tracedMinor)} of ${formatMoney(hop.amountMinor, currency)}`,
      properties: { transfer: hop.id, depth: hop.depth },
    },
    classes: extraClass ? `flow ${extraClass}` : 'flow',
  };
}

/**
 * A backward money flow, laid out left to right in time: where the money came from on the left
 * (the deepest payers first), the traced account on the right. Edges carry the part of each
 * transfer attributed to the traced money; the accounts it entered the network from are
 * marked `origin`, the traced account `traced-account`.
 */
export function backwardTraceElements(trace: BackwardTrace): Elements {
  const { currency } = trace;
  const depth = new Map<string, number>([[trace.account, 0]]);
  const departure = new Map<string, string>([[trace.account, trace.at]]);
  for (const hop of [...trace.hops].sort((a, b) => a.time.localeCompare(b.time))) {
    if (!depth.has(hop.from)) depth.set(hop.from, hop.depth ?? (depth.get(hop.to) ?? 0) + 1);
    if (!depth.has(hop.to)) depth.set(hop.to, Math.max(0, (hop.depth ?? 1) - 1));
    if (!departure.has(hop.from)) departure.set(hop.from, hop.time);
    if (!departure.has(hop.to)) departure.set(hop.to, hop.time);
  }
  const origins = new Map(trace.origins.map((origin) => [origin.account, origin]));
  for (const origin of trace.origins) {
    if (!depth.has(origin.account)) depth.set(origin.account, origin.depth ?? 0);
  }
  const deepest = Math.max(0, ...depth.values());
  const column = new Map([...depth].map(([account, hops]) => [account, deepest - hops]));
  const nodes = flowColumns(column, departure, (account) => {
    const node = refNode({ type: 'BankAccount', id: account });
    const classes = ['flow'];
    if (account === trace.account) classes.push('traced-account');
    const origin = origins.get(account);
    if (origin && origin.attributedMinor > 0) {
      node.data.currency = currency;
      node.data.reasons = [
        `${formatMoney(origin.attributedMinor, currency)} of the traced money ` +
          (origin.reason === 'held-before-window'
            ? 'was here before the window'
            : 'came through here from further back'),
      ];
      classes.push('origin');
    }
    node.classes = classes.join(' ');
    return node;
  });
  const edges = trace.hops.map((hop) => flowEdge(hop, hop.attributedMinor, currency, ''));
  return { nodes, edges };
}

/** Totals of a backward trace for the status line: received, traced back, where it came from. */
export function backwardTraceSummary(trace: BackwardTrace): string {
  const { currency } = trace;
  const sources = trace.origins.filter((origin) => origin.attributedMinor > 0);
  const top = sources[0];
  return (
    `${formatMoney(trace.receivedMinor, currency)} received by ${trace.account} traced back ` +
    `through ${trace.hops.length} transfers (${trace.method}) to ${sources.length} ` +
    `account${sources.length === 1 ? '' : 's'}` +
    (top ? `; most from ${top.account} (${formatMoney(top.attributedMinor, currency)})` : '') +
    `${trace.truncated ? ' (trace truncated: narrow the window)' : ''}.`
  );
}

/** Every path of a path-finder answer, merged; path links are marked `path`. */
export function pathElements(dto: PathsAnswer): Elements {
  return mergeElements(
    ...dto.paths.map((path) => ({
      nodes: path.nodes.map((ref) => {
        const node = refNode(ref);
        node.classes = 'path';
        return node;
      }),
      edges: path.links.map((link): EdgeDef => {
        const time = text(link.time);
        const amountMinor = num(link.amountMinor);
        const currency = text(link.currency);
        const edge: EdgeDef = {
          group: 'edges',
          data: {
            id: edgeId(link.source, link.type, link.target, time ?? ''),
            source: link.source,
            target: link.target,
            type: link.type,
          },
          classes: 'path',
        };
        if (time) edge.data.time = time;
        if (amountMinor !== undefined) {
          edge.data.amountMinor = amountMinor;
          edge.data.label = formatMoney(amountMinor, currency ?? '');
        }
        if (currency) edge.data.currency = currency;
        return edge;
      }),
    })),
  );
}

/** The node standing for a ring (a compound parent, or a single node when collapsed). */
export function ringKey(ringId: string): string {
  return entityKey('Ring', ringId);
}

/**
 * A ring and its members: a compound ring node holding every member, each with its role, score
 * and reasons, and the ring's links between members.
 */
export function ringElements(detail: RingDetail): Elements {
  const ring = ringKey(detail.ring.id);
  const nodes: NodeDef[] = [
    {
      group: 'nodes',
      data: {
        id: ring,
        type: 'Ring',
        entityId: detail.ring.id,
        label: `Ring ${detail.ring.id} (${detail.ring.size})`,
        score: detail.ring.score,
        reasons: detail.ring.reasons,
        ring: detail.ring.id,
        memberCount: detail.members.length,
      },
      classes: 'ring',
    },
  ];
  for (const member of detail.members) {
    const node = refNode(member.entity);
    node.data.ring = detail.ring.id;
    node.data.role = member.role;
    node.data.score = member.score;
    node.data.reasons = member.reasons;
    node.data.parent = ring;
    node.classes = `member role-${member.role}`;
    nodes.push(node);
  }
  // Links inside a role drawn firmer than links between roles (`same-role`, `cross-role`).
  const roleOf = new Map(
    detail.members.map((member) => [refNode(member.entity).data.id, member.role]),
  );
  const edges = detail.links.map((link): EdgeDef => ({
    group: 'edges',
    data: {
      id: edgeId(link.source, link.type, link.target),
      source: link.source,
      target: link.target,
      type: link.type,
      ...(link.weight !== undefined ? { weight: link.weight, count: link.weight } : {}),
    },
    classes: roleLinkClass(roleOf.get(link.source), roleOf.get(link.target)),
  }));
  return { nodes, edges };
}

/** Role order in a ring view: ringleader at the centre, then key members, then mules. */
export const ROLE_LEVEL: Record<string, number> = {
  ringleader: 6,
  key_member: 5,
  organiser: 5,
  mule_herder: 4,
  caller: 3,
  cash_out: 2,
  mule: 1,
  member: 0,
};

/**
 * Collapses a ring into one node: its members go, the ring node stays (as a plain node), and
 * each link between a member and an outside node becomes a link from the ring node, one per
 * outside node and type, counting the links it stands for. Pure: returns what to remove and add.
 */
export function collapseRing(
  elements: Elements,
  ringId: string,
): { remove: string[]; add: Elements } {
  const ring = ringKey(ringId);
  const members = new Set(
    elements.nodes.filter((node) => node.data.parent === ring).map((node) => node.data.id),
  );
  const remove: string[] = [...members];
  const meta = new Map<string, EdgeDef>();
  for (const edge of elements.edges) {
    const fromInside = members.has(edge.data.source);
    const toInside = members.has(edge.data.target);
    if (!fromInside && !toInside) continue;
    remove.push(edge.data.id);
    if (fromInside && toInside) continue;
    const source = fromInside ? ring : edge.data.source;
    const target = toInside ? ring : edge.data.target;
    const id = edgeId(source, edge.data.type, target, 'collapsed');
    const existing = meta.get(id);
    if (existing) existing.data.count = (existing.data.count ?? 1) + (edge.data.count ?? 1);
    else {
      meta.set(id, {
        group: 'edges',
        data: { id, source, target, type: edge.data.type, count: edge.data.count ?? 1 },
        classes: 'meta',
      });
    }
  }
  const ringNode = elements.nodes.find((node) => node.data.id === ring);
  const add: Elements = { nodes: [], edges: [...meta.values()] };
  if (!ringNode) {
    add.nodes.push({
      group: 'nodes',
      data: {
        id: ring,
        type: 'Ring',
        entityId: ringId,
        label: `Ring ${ringId}`,
        ring: ringId,
        collapsed: true,
        memberCount: members.size,
      },
      classes: 'ring collapsed',
    });
  }
  return { remove, add };
}

/**
 * Timeline rows for the table: time (the investigator's zone; the heading names the offset),
 * kind, from -> to, amount or duration, detail.
 */
export function timelineRows(events: TimelineEvent[]): string[][] {
  return events.map((event) => [
    formatClock(event.at, { seconds: true }),
    event.kind,
    [event.from, event.to].filter(Boolean).join(' → '),
    event.amountMinor !== null
      ? formatMoney(event.amountMinor, event.currency ?? '')
      : event.durationSeconds !== null
        ? `${event.durationSeconds} s`
        : '',
    event.detail ?? '',
  ]);
}

/** `Type:id` keys of the selection that have a timeline (accounts, numbers, platform accounts). */
export function timelineKeys(keys: string[]): string[] {
  return keys.filter((key) =>
    ['BankAccount', 'PhoneNumber', 'PlatformAccount'].includes(parseKey(key).type),
  );
}
