// One page of an entity's neighbours, filtered by relationship types, neighbour kinds and a time
// window (for events), ordered by how connected each neighbour is. At most $scanCap neighbours
// are considered (a supernode's answer says so); `total` counts those that pass the filters.
// @param $id              the entity's domain id
// @param $type            the entity's label, one of the entity types (each gets its own query text)
// @param $relationships   relationship types to follow, or null for all
// @param $neighbourTypes  neighbour labels to keep, or null for all
// @param $from            ISO-8601 start of the time window for event neighbours, or null
// @param $to              ISO-8601 end of the time window, or null
// @param $mostConnected   true: most connected first; false: least connected first
// @param $scanCap         most neighbours considered
// @param $skip            rows to skip
// @param $limit           page size
// @returns total, neighbours (each with a person's name as `name`, null for other kinds)
MATCH (n:$($type) {id: $id})
CALL (n) {
  MATCH (n)-[r]-(m)
  WHERE ($relationships IS NULL OR type(r) IN $relationships)
    AND ($neighbourTypes IS NULL OR labels(m)[0] IN $neighbourTypes)
  WITH r, m, coalesce(m.time, m.start, m.reportedAt) AS at
  WHERE ($from IS NULL OR at IS NULL OR at >= datetime($from))
    AND ($to IS NULL OR at IS NULL OR at < datetime($to))
  RETURN r, m, at
  LIMIT $scanCap
}
WITH n, r, m, at, COUNT { (m)--() } AS degree
ORDER BY CASE WHEN $mostConnected THEN -degree ELSE degree END, m.id
WITH n, collect({
  relationship: type(r), outgoing: startNode(r) = n, type: labels(m)[0], id: m.id,
  name: CASE WHEN m:Person THEN m.name END,
  degree: degree, at: at, properties: properties(r)
}) AS found
RETURN size(found) AS total, found[$skip..($skip + $limit)] AS neighbours
