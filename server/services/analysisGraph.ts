/**
 * Reads the analysis graph from Neo4j: the network of identities linked by transfers, calls,
 * SIMs in handsets, platform registrations and logins, holdings and victims' reports, for the
 * whole graph, a time window, or the neighbourhood of chosen cases. Records stream in keyset
 * pages straight into typed arrays (`AnalysisGraphBuilder`); no graph object is built per node.
 * Links come as rows of parallel lists, up to 500 links a row, with Neo4j's node references and
 * numbers as floats, so 100k links cost 200 records rather than 100k rows of strings and
 * Integers; each node's id is read once, at the end.
 */
import type { Executor } from '../db/executor';
import { queries } from '../db/queries';
import type { QueryDefinition } from '../db/query';
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
/** Source nodes per page for the link queries. */
const LINK_PAGE = 20_000;
/** Reports per page. */
const CASE_PAGE = 20_000;
/** Node references per request when reading their ids. */
const ID_PAGE = 50_000;
/**
 * Kinds read at once: Neo4j works on one while this process decodes and adds the other's pages.
 * Pages are still added in one fixed order, so node numbering (and every result) is the same on
 * every run.
 */
const READ_CONCURRENCY = 2;
export const DEFAULT_HOPS = 3;

/** A platform account's link kinds as `analysis/platformLinks` numbers them. */
const PLATFORM_LINKS: Readonly<
  Record<
    number,
    readonly [Parameters<AnalysisGraphBuilder['addPlatformLink']>[1], AnalysisNodeType]
  >
> = {
  1: ['REGISTERED_WITH', 'PhoneNumber'],
  2: ['REGISTERED_FROM', 'Device'],
  3: ['REGISTERED_FROM', 'IPAddress'],
  4: ['USED_DEVICE', 'Device'],
  5: ['USED_IP', 'IPAddress'],
  6: ['MESSAGED', 'PlatformAccount'],
};

type Progress = (step: string, fraction: number) => void;

/** The row type of a query definition. */
type Row<Query> = Query extends QueryDefinition<infer _Params, infer R> ? R : never;

/** A row of a page of parallel lists: how many sources the page covered and the last one. */
interface ColumnPage {
  count: number;
  last: string | null;
}

/**
 * Reads pages of parallel lists (each page a few rows of up to 2,000 links) until one covers
 * fewer sources than `limit`, handing each page's rows to `emit`.
 */
async function readColumns<Row extends ColumnPage>(
  read: (after: string, limit: number) => Promise<Row[]>,
  limit: number,
  emit: (rows: Row[]) => void,
  cancelled: () => boolean,
): Promise<void> {
  let after = '';
  while (!cancelled()) {
    const rows = await read(after, limit);
    const first = rows[0];
    if (!first) return;
    emit(rows);
    if (first.count < limit || first.last === null) return;
    after = first.last;
  }
}

/** At most `size` tasks at a time, started in the order they were asked for. */
function slots(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/**
 * Starts `produce` as soon as a slot is free and keeps the pages it emits until they are taken,
 * in order, from the returned iterable.
 */
function prefetch<Page>(
  inSlot: ReturnType<typeof slots>,
  produce: (emit: (page: Page) => void) => Promise<void>,
): AsyncIterable<Page> {
  const queue: Page[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  void inSlot(() =>
    produce((page) => {
      queue.push(page);
      notify();
    }),
  ).then(
    () => {
      finished = true;
      notify();
    },
    (error: unknown) => {
      failure = { error };
      finished = true;
      notify();
    },
  );
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const page = queue.shift();
        if (page !== undefined) {
          yield page;
          continue;
        }
        if (failure) throw failure.error;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
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
  const report = onProgress ?? (() => undefined);
  const { graph: unnamed, keys } = await readAnalysisGraphNamedLater(executor, scope, report);
  let graph: AnalysisGraph = { ...unnamed, keys: await keys };
  if (scope.cases && scope.cases.length > 0) {
    const wanted = new Set(scope.cases.map((caseId) => `Case:${caseId}`));
    const seeds: number[] = [];
    graph.keys.forEach((key, node) => {
      if (wanted.has(key)) seeds.push(node);
    });
    // The case itself is one hop from what it names.
    graph = restrictAnalysisGraph(
      graph,
      neighbourhood(graph.graph, seeds, (scope.hops ?? DEFAULT_HOPS) + 1),
    );
  }
  report('graph read', 1);
  return graph;
}

/**
 * The analysis graph of `scope` (its time window; `cases` are not applied here), handed over as
 * soon as it is built, with its keys still being read: links come with the database's node
 * references, and each node's domain id is read once at the end. Until `keys` resolves, the
 * graph's keys are only `Type:`; work that needs no keys (finding communities) can go ahead.
 */
export async function readAnalysisGraphNamedLater(
  executor: Executor,
  scope: Pick<AnalysisScope, 'from' | 'to'>,
  onProgress?: Progress,
): Promise<{ graph: AnalysisGraph; keys: Promise<string[]> }> {
  const builder = new AnalysisGraphBuilder();
  const from = scope.from ?? null;
  const to = scope.to ?? null;
  const fromMs = from ? Date.parse(from) : -Infinity;
  const toMs = to ? Date.parse(to) : Infinity;
  const report = onProgress ?? (() => undefined);
  const inSlot = slots(READ_CONCURRENCY);
  let failed = false;
  const cancelled = () => failed;

  /** A kind's pages of parallel lists, read as soon as a slot is free. */
  const pages = <Row extends ColumnPage>(
    read: (after: string, limit: number) => Promise<Row[]>,
    limit: number,
  ) => prefetch<Row[]>(inSlot, (emit) => readColumns(read, limit, emit, cancelled));

  // Every kind starts reading when a slot is free; their pages are added in this order.
  const transfers = pages(
    (after, limit) => executor.run(queries.analysisTransferEvents, { after, limit }),
    TRANSFER_PAGE,
  );
  const calls = pages(
    (after, limit) => executor.run(queries.analysisCallLinks, { after, limit, from, to }),
    LINK_PAGE,
  );
  const sims = pages(
    (after, limit) => executor.run(queries.analysisSimLinks, { after, limit, from, to }),
    LINK_PAGE,
  );
  const platform = pages(
    (after, limit) => executor.run(queries.analysisPlatformLinks, { after, limit }),
    LINK_PAGE,
  );
  const people = pages(
    (after, limit) => executor.run(queries.analysisPersonLinks, { after, limit }),
    LINK_PAGE,
  );
  const cases = prefetch<Row<typeof queries.analysisCaseLinks>[]>(inSlot, async (emit) => {
    let after = '';
    while (!cancelled()) {
      const rows = await executor.run(queries.analysisCaseLinks, { after, limit: CASE_PAGE });
      emit(rows);
      if (rows.length < CASE_PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  });

  try {
    report('reading transfers', 0);
    for await (const rows of transfers) {
      for (const page of rows) {
        for (let i = 0; i < page.at.length; i += 1) {
          const at = page.at[i]!;
          if (at >= fromMs && at < toMs) {
            builder.addTransfer(page.from[i]!, page.to[i]!, at, page.amountMinor[i]!);
          }
        }
      }
    }
    report('reading calls', 0.3);
    for await (const rows of calls) {
      for (const page of rows) {
        for (let i = 0; i < page.targets.length; i += 1) {
          builder.addCalls(page.sources[i]!, page.targets[i]!, page.counts[i]!, page.seconds[i]);
        }
      }
    }
    report('reading SIMs and handsets', 0.5);
    for await (const rows of sims) {
      for (const page of rows) {
        for (let i = 0; i < page.targets.length; i += 1) {
          if (page.types[i] === 'Device') {
            builder.addSimInDevice(page.sources[i]!, page.targets[i]!);
          } else {
            builder.addSimNumber(page.sources[i]!, page.targets[i]!);
          }
        }
      }
    }
    report('reading platform accounts', 0.6);
    for await (const rows of platform) {
      for (const page of rows) {
        for (let i = 0; i < page.targets.length; i += 1) {
          const link = PLATFORM_LINKS[page.links[i]!];
          if (!link) continue;
          builder.addPlatformLink(
            page.sources[i]!,
            link[0],
            link[1],
            page.targets[i]!,
            page.counts[i],
          );
        }
      }
    }
    report('reading people', 0.75);
    for await (const rows of people) {
      for (const page of rows) {
        for (const person of page.victims) builder.markVictim(person);
        for (let i = 0; i < page.targets.length; i += 1) {
          if (page.types[i] === 'BankAccount') {
            builder.addHolding(page.sources[i]!, page.targets[i]!);
          } else {
            builder.addPersonNumber(page.sources[i]!, page.targets[i]!);
          }
        }
      }
    }
    report('reading reports', 0.8);
    for await (const rows of cases) {
      for (const row of rows) {
        if (row.reportedAt < fromMs) continue;
        builder.addCaseNaming(row.source, row.station, row.namedTypes, row.named);
      }
    }
  } catch (error) {
    failed = true;
    throw error;
  }

  report('building the graph', 0.85);
  const graph = builder.build();

  report('reading ids', 0.9);
  const refs = builder.refs();
  const idPages: Promise<void>[] = [];
  for (let start = 0; start < refs.length; start += ID_PAGE) {
    const chunk = refs.slice(start, start + ID_PAGE);
    idPages.push(
      inSlot(async () => {
        const rows = await executor.run(queries.analysisNodeIds, { refs: chunk });
        for (const row of rows) {
          for (let i = 0; i < row.refs.length; i += 1) builder.nameRef(row.refs[i]!, row.ids[i]!);
        }
      }),
    );
  }
  const keys = Promise.all(idPages).then(() => builder.keys());
  // Whoever takes the graph may fail before awaiting the keys; a failed read is still theirs.
  keys.catch(() => undefined);
  return { graph, keys };
}
