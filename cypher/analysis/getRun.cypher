// One analysis run by id.
// @param $id   the run id
// @returns run
MATCH (r:AnalysisRun {id: $id})
RETURN r {
  .id, .params, .engine, .version, .startedBy, .status, .step, .fraction, .error,
  .nodeCount, .edgeCount, .communities, .modularity, .ringCount, .considered, .explanation,
  .nearMisses,
  startedAt: toString(r.startedAt), finishedAt: toString(r.finishedAt)
} AS run
