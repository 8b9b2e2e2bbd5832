// Tests only: the relationships of one node (by id), with the other end and the properties.
// @param $id   the node's domain id
// @returns type, outgoing, label, other, props
MATCH (n {id: $id})-[r]-(m)
RETURN type(r) AS type, startNode(r) = n AS outgoing, labels(m)[0] AS label, m.id AS other,
       properties(r) AS props
ORDER BY type, other
