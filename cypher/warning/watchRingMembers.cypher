// The members of the rings of the latest finished analysis run, with their roles.
// @returns runId, ring, type, id, role
MATCH (r:AnalysisRun {status: 'finished'})
WITH r ORDER BY r.finishedAt DESC LIMIT 1
MATCH (r)-[:FOUND]->(g:Ring)-[m:HAS_MEMBER]->(x)
RETURN r.id AS runId, g.id AS ring, split(m.entity, ':')[0] AS type, x.id AS id, m.role AS role
