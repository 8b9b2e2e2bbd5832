// Records how far a running analysis has got.
// @param $id        the run id
// @param $step      what it is doing, in words
// @param $fraction  0..1
// @returns id
MATCH (r:AnalysisRun {id: $id})
WHERE r.status = 'running'
SET r.step = $step, r.fraction = $fraction
RETURN r.id AS id
