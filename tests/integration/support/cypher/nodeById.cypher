// Tests only: one node's labels and properties, by id.
// @param $id   the node's domain id
// @returns labels, props
MATCH (n {id: $id})
RETURN labels(n) AS labels, properties(n) AS props
