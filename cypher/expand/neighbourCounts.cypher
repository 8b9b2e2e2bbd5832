// How many neighbours an entity has, by relationship type, direction and neighbour kind: the
// first step of a guarded expansion, before any neighbour is fetched.
// @param $id   the entity's domain id
// @param $type the entity's label, one of the entity types (each gets its own query text)
// @returns relationship, outgoing, neighbourType, count
MATCH (n:$($type) {id: $id})
MATCH (n)-[r]-(m)
RETURN type(r) AS relationship, startNode(r) = n AS outgoing, labels(m)[0] AS neighbourType,
       count(*) AS count
ORDER BY count DESC, relationship, neighbourType
