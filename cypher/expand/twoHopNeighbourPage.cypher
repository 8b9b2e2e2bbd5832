// One page of the entities two links away from an entity (neighbours of its neighbours), over the
// given link types, ordered by how many of its neighbours lead to each. Guarded: at most
// $firstCap neighbours are followed, and at most $perNeighbourCap links out of each of them, so a
// supernode on the way cannot overload the server; the answer counts what was cut.
// @param $id               the entity's domain id
// @param $type             the entity's label, one of the entity types (each gets its own query text)
// @param $relationships    link types to follow on both hops
// @param $neighbourTypes   kinds to keep at two hops, or null for all
// @param $firstCap         most first-hop neighbours followed
// @param $perNeighbourCap  most links followed out of each first-hop neighbour
// @param $skip             rows to skip
// @param $limit            page size
// @returns firstHop, firstHopCapped, cutNeighbours, total, neighbours
MATCH (n:$($type) {id: $id})
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE type(r) IN $relationships
  WITH DISTINCT m
  LIMIT $firstCap
  RETURN collect(m) AS firsts
}
UNWIND firsts AS m
CALL (n, m) {
  MATCH (m)-[r]-(x)
  WHERE type(r) IN $relationships AND x <> n
  WITH x
  LIMIT $perNeighbourCap
  RETURN collect(x) AS seconds, count(*) = $perNeighbourCap AS cut
}
WITH n, size(firsts) AS firstHop, m, seconds, cut
WITH firstHop, sum(CASE WHEN cut THEN 1 ELSE 0 END) AS cutNeighbours,
     collect({via: m, seconds: seconds}) AS branches
UNWIND branches AS branch
UNWIND branch.seconds AS x
WITH firstHop, cutNeighbours, x, count(DISTINCT branch.via) AS via,
     collect(DISTINCT labels(branch.via)[0] + ':' + branch.via.id)[..5] AS through
WHERE $neighbourTypes IS NULL OR labels(x)[0] IN $neighbourTypes
WITH firstHop, cutNeighbours, x, via, through
ORDER BY via DESC, x.id
WITH firstHop, cutNeighbours, collect({type: labels(x)[0], id: x.id, via: via, through: through}) AS found
RETURN firstHop, firstHop >= $firstCap AS firstHopCapped, cutNeighbours, size(found) AS total,
       found[$skip..($skip + $limit)] AS neighbours
