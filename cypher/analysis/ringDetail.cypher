// One ring with its members (entity, role, score, reasons), most important first.
// @param $id   the ring id (run id + '/' + ring)
// @returns ring, members
MATCH (g:Ring {id: $id})
RETURN g {.id, .ring, .run, .rank, .typology, .score, .size, .reasons} AS ring,
       COLLECT {
         MATCH (g)-[m:HAS_MEMBER]->(x)
         RETURN {
           type: split(m.entity, ':')[0], id: x.id,
           label: coalesce(x.name, x.displayName, x.handle, x.id),
           role: m.role, score: m.score, reasons: m.reasons
         } AS member
         ORDER BY m.score DESC
       } AS members
