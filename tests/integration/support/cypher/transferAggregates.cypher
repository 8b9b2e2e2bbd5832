// Tests only: the TRANSFERRED aggregates.
// @returns from, to, currency, count, totalMinor, first, last
MATCH (a:BankAccount)-[r:TRANSFERRED]->(b:BankAccount)
RETURN a.id AS from, b.id AS to, r.currency AS currency, r.count AS count,
       r.totalMinor AS totalMinor, r.first AS first, r.last AS last
ORDER BY from, to
