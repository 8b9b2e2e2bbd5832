// What the watch state is built from changed when this does: the latest finished analysis run and
// how many cases were reported.
// @returns runId, cases
CALL () {
  OPTIONAL MATCH (r:AnalysisRun {status: 'finished'})
  WITH r ORDER BY r.finishedAt DESC LIMIT 1
  RETURN r.id AS runId
}
CALL () {
  MATCH (k:Case)
  RETURN count(k) AS cases
}
RETURN runId, cases
