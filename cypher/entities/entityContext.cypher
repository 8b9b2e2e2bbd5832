// What the details panel says of one identity beside its own properties: the people who hold it
// or use it (by name), the file that first described it (its Source: organisation, kind, file
// name), and its links counted by type and direction.
// @param $type   the entity's label, one of the entity types (each gets its own query text)
// @param $id     the domain id
// @returns people, source, links
MATCH (n:$($type) {id: $id})
OPTIONAL MATCH (s:Source {id: coalesce(n.recordSourceId, n.sourceId)})
CALL (n) {
  MATCH (n)-[r]-()
  WITH type(r) AS relationship, startNode(r) = n AS outgoing, count(*) AS count
  ORDER BY count DESC, relationship
  RETURN collect({relationship: relationship, outgoing: outgoing, count: count}) AS links
}
RETURN [(p:Person)-[:HOLDS|USES_NUMBER]->(n) | coalesce(p.name, p.id)][0..5] AS people,
       CASE WHEN s IS NULL THEN null
            ELSE {organisation: s.organisation, kind: s.kind, fileName: s.fileName} END AS source,
       links
