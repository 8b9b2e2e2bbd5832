// A finished analysis run with one ring written as a run writes it (name, typology, reasons), so
// the rings list and the ring's detail show it (tests only).
// @param $runId     the run id
// @param $members   {type, id, role}
// @returns ring
CREATE (r:AnalysisRun {id: $runId, status: 'finished', startedAt: datetime(), finishedAt: datetime()})
CREATE (r)-[:FOUND]->(g:Ring {id: $runId + '/R1', run: $runId, ring: 'R1', rank: 1, typology: 'mule_chain', score: 0.9, size: size($members), reasons: ['made by the test']})
WITH g
UNWIND $members AS m
CALL (m) {
  MATCH (x) WHERE x.id = m.id AND m.type IN labels(x)
  RETURN x
}
CREATE (g)-[:HAS_MEMBER {entity: m.type + ':' + m.id, role: m.role, score: 1.0, reasons: ['made by the test']}]->(x)
RETURN g.id AS ring
