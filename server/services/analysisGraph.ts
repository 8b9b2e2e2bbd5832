/**
 * Reads the analysis graph from Neo4j: the network of identities linked by transfers, calls,
 * SIMs in handsets, platform registrations and logins, holdings and victims' reports, for the
 * whole graph, a time window, or the neighbourhood of chosen cases. Records stream in keyset
 * pages straight into typed arrays (`AnalysisGraphBuilder`); no graph object is built per node.
 * The big kinds (transfers, calls, SIMs, platform links) come as rows of parallel lists, up to
 * 2,000 links a row with numbers as floats, so 100k links cost 50 records rather than 100k rows of
 * lists and Integers.
 */
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import {
  AnalysisGraphBuilder,
  neighbourhood,
  restrictAnalysisGraph,
  type AnalysisGraph,
  type AnalysisNodeType,
} from '../analysis/rings/graphBuilder';

export {
  ANALYSIS_NODE_TYPES,
  FEATURE_NAMES,
  type AnalysisGraph,
  type AnalysisNodeType,
} from '../analysis/rings/graphBuilder';

export interface AnalysisScope {
  /** ISO-8601 start of the window (inclusive). */
  from?: string;
  /** ISO-8601 end of the window (exclusive). */
  to?: string;
  /** Case numbers: analyse only the neighbourhood of the identifiers they name. */
  cases?: string[];
  /** Links from the named identifiers a neighbourhood reaches; default 3. */
  hops?: number;
}

/** Transfers per page (rows of parallel lists). */
const TRANSFER_PAGE = 100_000;
/** Source nodes per page for the link queries that return rows of parallel lists. */
const LINK_PAGE = 20_000;
/** Source nodes per page for the link queries that return a row per node. */
const NODE_PAGE = 20_000;
export const DEFAULT_HOPS = 3;

type Progress = (step: string, fraction: number) => void;

/** Reads pages until one comes back short; `lastKey` gives the keyset cursor of a row. */
async function paged<Row>(
  read: (after: string, limit: number) => Promise<Row[]>,
  limit: number,
  lastKey: (row: Row) => string,
  each: (row: Row) => void,
): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await read(after, limit);
    for (const row of rows) each(row);
    total += rows.length;
    if (rows.length < limit) return total;
    after = lastKey(rows[rows.length - 1]!);
  }
}

/** A row of a page of parallel lists: how many sources the page covered and the last one. */
interface ColumnPage {
  count: number;
  last: string | null;
}

/**
 * Reads pages of parallel lists (each page a few rows of up to 2,000 links) until one covers
 * fewer sources than `limit`.
 */
async function pagedColumns<Row extends ColumnPage>(
  read: (after: string, limit: number) => Promise<Row[]>,
  limit: number,
  each: (row: Row) => void,
): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await read(after, limit);
    const first = rows[0];
    if (!first) return;
    for (const row of rows) each(row);
    if (first.count < limit || first.last === null) return;
    after = first.last;
  }
}

/**
 * The analysis graph of `scope`. Transfers are filtered by their own times; calls, SIM
 * sightings and reports by the first and last time of their aggregates. With `cases`, the graph
 * keeps only what lies within `hops` links of what those cases name.
 */
export async function readAnalysisGraph(
  executor: Executor,
  scope: AnalysisScope,
  onProgress?: Progress,
): Promise<AnalysisGraph> {
  const builder = new AnalysisGraphBuilder();
  const from = scope.from ?? null;
  const to = scope.to ?? null;
  const fromMs = from ? Date.parse(from) : -Infinity;
  const toMs = to ? Date.parse(to) : Infinity;
  const report = onProgress ?? (() => undefined);

  report('reading transfers', 0);
  await pagedColumns(
    (after, limit) => executor.run(queries.analysisTransferEvents, { after, limit }),
    TRANSFER_PAGE,
    (page) => {
      for (let i = 0; i < page.at.length; i += 1) {
        const at = page.at[i]!;
        if (at >= fromMs && at < toMs) {
          builder.addTransfer(page.from[i]!, page.to[i]!, at, page.amountMinor[i]!);
        }
      }
    },
  );
  report('reading calls', 0.35);
  await pagedColumns(
    (after, limit) => executor.run(queries.analysisCallLinks, { after, limit, from, to }),
    LINK_PAGE,
    (page) => {
      for (let i = 0; i < page.targets.length; i += 1) {
        builder.addCalls(page.sources[i]!, page.targets[i]!, page.counts[i]!);
      }
    },
  );
  report('reading SIMs and handsets', 0.6);
  await pagedColumns(
    (after, limit) => executor.run(queries.analysisSimLinks, { after, limit, from, to }),
    LINK_PAGE,
    (page) => {
      for (let i = 0; i < page.targets.length; i += 1) {
        if (page.types[i] === 'Device') builder.addSimInDevice(page.sources[i]!, page.targets[i]!);
        else builder.addSimNumber(page.sources[i]!, page.targets[i]!);
      }
    },
  );
  report('reading platform accounts', 0.7);
  await pagedColumns(
    (after, limit) => executor.run(queries.analysisPlatformLinks, { after, limit }),
    LINK_PAGE,
    (page) => {
      for (let i = 0; i < page.targets.length; i += 1) {
        builder.addPlatformLink(
          page.sources[i]!,
          page.relationships[i] as Parameters<AnalysisGraphBuilder['addPlatformLink']>[1],
          page.types[i] as AnalysisNodeType,
          page.targets[i]!,
          page.counts[i],
        );
      }
    },
  );
  report('reading people', 0.8);
  await paged(
    (after, limit) => executor.run(queries.analysisPersonLinks, { after, limit }),
    NODE_PAGE,
    (row) => row.source,
    (row) => {
      if (row.accounts.length === 0 && row.numbers.length === 0 && !row.victim) return;
      for (const account of row.accounts) builder.addHolding(row.source, account);
      for (const number of row.numbers) builder.addPersonNumber(row.source, number);
      if (row.victim) builder.markVictim(row.source);
    },
  );
  report('reading reports', 0.9);
  await paged(
    (after, limit) => executor.run(queries.analysisCaseLinks, { after, limit }),
    NODE_PAGE,
    (row) => row.source,
    (row) => {
      if (row.reportedAt < fromMs) return;
      builder.addCase(row.source, row.station, row.named);
    },
  );
  report('building the graph', 0.95);
  let graph = builder.build();
  if (scope.cases && scope.cases.length > 0) {
    const seeds: number[] = [];
    for (const caseId of scope.cases) {
      const node = builder.indexOf(`Case:${caseId}`);
      if (node !== undefined) seeds.push(node);
    }
    // The case itself is one hop from what it names.
    graph = restrictAnalysisGraph(
      graph,
      neighbourhood(graph.graph, seeds, (scope.hops ?? DEFAULT_HOPS) + 1),
    );
  }
  report('graph read', 1);
  return graph;
}
