// A finished analysis run with one ring and its members, as a run would store them (tests only).
// @param $runId     the run id
// @param $members   {type, id, role}
// @returns ring
CREATE (r:AnalysisRun {id: $runId, status: 'finished', startedAt: datetime(), finishedAt: datetime()})
CREATE (r)-[:FOUND]->(g:Ring {id: $runId + '/1', run: $runId, ring: 1, rank: 1, score: 0.9, size: size($members)})
WITH g
UNWIND $members AS m
CALL (m) {
  MATCH (x) WHERE x.id = m.id AND m.type IN labels(x)
  RETURN x
}
CREATE (g)-[:HAS_MEMBER {entity: m.type + ':' + m.id, role: m.role, score: 1.0, reasons: []}]->(x)
RETURN g.id AS ring
