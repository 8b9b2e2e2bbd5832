// Marks a run failed with a message for its user.
// @param $id        the run id
// @param $message   what went wrong, in words
// @returns id
MATCH (r:AnalysisRun {id: $id})
SET r.status = 'failed', r.finishedAt = datetime(), r.error = $message
RETURN r.id AS id
