// Tests only: every node with its labels and properties (for comparing two small graphs).
// @returns labels, props
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
