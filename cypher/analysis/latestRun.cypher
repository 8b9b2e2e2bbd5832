// The most recent finished analysis run.
// @returns id
MATCH (r:AnalysisRun {status: 'finished'})
RETURN r.id AS id
ORDER BY r.finishedAt DESC
LIMIT 1
