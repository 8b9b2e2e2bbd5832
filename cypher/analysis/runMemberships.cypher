// Every ring of a run with its member entities ('Type:id'), for comparing runs.
// @param $runId   the run id
// @returns ring, members
MATCH (:AnalysisRun {id: $runId})-[:FOUND]->(g:Ring)
RETURN g.id AS ring, COLLECT { MATCH (g)-[m:HAS_MEMBER]->() RETURN m.entity } AS members
ORDER BY g.rank
