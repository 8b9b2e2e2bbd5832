// Up to five shortest paths between two entities over the chosen link types (identity-level links
// and aggregates, not events), at most six links long; the caller keeps the first $k no longer
// than $maxHops. Entities are found by label and id (a closed list of types).
// @param $fromType        label of the first entity
// @param $fromId          its domain id
// @param $toType          label of the second entity
// @param $toId            its domain id
// @param $relationships   link types a path may use
// @param $maxHops         longest path kept (1-6)
// @param $k               most paths kept (1-5)
// @returns nodes, links
CALL () {
  MATCH (n:BankAccount {id: $fromId}) WHERE $fromType = 'BankAccount' RETURN n
  UNION ALL
  MATCH (n:PhoneNumber {id: $fromId}) WHERE $fromType = 'PhoneNumber' RETURN n
  UNION ALL
  MATCH (n:SIM {id: $fromId}) WHERE $fromType = 'SIM' RETURN n
  UNION ALL
  MATCH (n:Device {id: $fromId}) WHERE $fromType = 'Device' RETURN n
  UNION ALL
  MATCH (n:PlatformAccount {id: $fromId}) WHERE $fromType = 'PlatformAccount' RETURN n
  UNION ALL
  MATCH (n:IPAddress {id: $fromId}) WHERE $fromType = 'IPAddress' RETURN n
  UNION ALL
  MATCH (n:Person {id: $fromId}) WHERE $fromType = 'Person' RETURN n
  UNION ALL
  MATCH (n:Case {id: $fromId}) WHERE $fromType = 'Case' RETURN n
}
WITH n AS a
CALL () {
  MATCH (n:BankAccount {id: $toId}) WHERE $toType = 'BankAccount' RETURN n
  UNION ALL
  MATCH (n:PhoneNumber {id: $toId}) WHERE $toType = 'PhoneNumber' RETURN n
  UNION ALL
  MATCH (n:SIM {id: $toId}) WHERE $toType = 'SIM' RETURN n
  UNION ALL
  MATCH (n:Device {id: $toId}) WHERE $toType = 'Device' RETURN n
  UNION ALL
  MATCH (n:PlatformAccount {id: $toId}) WHERE $toType = 'PlatformAccount' RETURN n
  UNION ALL
  MATCH (n:IPAddress {id: $toId}) WHERE $toType = 'IPAddress' RETURN n
  UNION ALL
  MATCH (n:Person {id: $toId}) WHERE $toType = 'Person' RETURN n
  UNION ALL
  MATCH (n:Case {id: $toId}) WHERE $toType = 'Case' RETURN n
}
WITH a, n AS b
MATCH p = SHORTEST 5 (a)(()-[r]-() WHERE type(r) IN $relationships){1,6}(b)
WITH p
WHERE length(p) <= $maxHops
ORDER BY length(p)
LIMIT $k
RETURN [n IN nodes(p) | {type: labels(n)[0], id: n.id, label: coalesce(n.name, n.handle, n.id)}] AS nodes,
       [r IN relationships(p) | {
         type: type(r), source: labels(startNode(r))[0] + ':' + startNode(r).id,
         target: labels(endNode(r))[0] + ':' + endNode(r).id,
         count: r.count, totalMinor: r.totalMinor, currency: r.currency, first: r.first, last: r.last
       }] AS links
