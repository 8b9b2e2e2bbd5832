// A run's rings by rank (highest score first), one page, with the ringleader's entity when one
// was named.
// @param $runId   the run id
// @param $skip    rows to skip
// @param $limit   page size
// @returns id, ring, rank, typology, score, size, reasons, ringleader
MATCH (:AnalysisRun {id: $runId})-[:FOUND]->(g:Ring)
WITH g
ORDER BY g.rank
SKIP $skip
LIMIT $limit
RETURN g.id AS id, g.ring AS ring, g.rank AS rank, g.typology AS typology, g.score AS score,
       g.size AS size,
       g.reasons AS reasons,
       COLLECT { MATCH (g)-[m:HAS_MEMBER {role: 'ringleader'}]->() RETURN m.entity ORDER BY m.score DESC }[0]
         AS ringleader
