// A run's rings by rank (highest score first), one page, with the ringleader's entity when one
// was named and the ringleader's name: the person's own, or for an account or a number the name
// of the person who holds or uses it (the first by name), else null.
// @param $runId   the run id
// @param $skip    rows to skip
// @param $limit   page size
// @returns id, ring, rank, typology, score, size, reasons, ringleader, ringleaderName
MATCH (:AnalysisRun {id: $runId})-[:FOUND]->(g:Ring)
WITH g
ORDER BY g.rank
SKIP $skip
LIMIT $limit
WITH g.id AS id, g.ring AS ring, g.rank AS rank, g.typology AS typology, g.score AS score,
     g.size AS size, g.reasons AS reasons,
     COLLECT {
       MATCH (g)-[m:HAS_MEMBER {role: 'ringleader'}]->(x)
       RETURN {
         entity: m.entity,
         name: CASE WHEN x:Person THEN x.name
               ELSE COLLECT {
                 MATCH (p:Person)-[:HOLDS|USES_NUMBER]->(x) RETURN p.name AS name ORDER BY name
               }[0]
               END
       } AS leader
       ORDER BY m.score DESC
     }[0] AS leader
RETURN id, ring, rank, typology, score, size, reasons, leader.entity AS ringleader,
       leader.name AS ringleaderName
ORDER BY rank
