// Analysis runs, newest first, one page.
// @param $skip    rows to skip
// @param $limit   page size
// @returns run
MATCH (r:AnalysisRun)
WITH r
ORDER BY r.startedAt DESC, r.id
SKIP $skip
LIMIT $limit
RETURN r {
  .id, .params, .engine, .version, .startedBy, .status, .step, .fraction, .error,
  .nodeCount, .edgeCount, .communities, .modularity, .ringCount, .considered, .explanation,
  .nearMisses,
  startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)
} AS run
