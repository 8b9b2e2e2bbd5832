// Tests only: every relationship with its ends and properties (for comparing two small graphs).
// @returns type, fromLabels, from, toLabels, to, props
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS fromLabels, a.id AS from, labels(b) AS toLabels, b.id AS to,
       properties(r) AS props
