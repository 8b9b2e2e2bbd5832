// Transfers a stop concerns, as a money-flow trace starts from them.
// @param $ids   transfer ids
// @returns id, from, to, amountMinor, currency, time
UNWIND $ids AS id
MATCH (f:BankAccount)-[:SENT]->(t:Transfer {id: id})-[:TO]->(b:BankAccount)
RETURN t.id AS id, f.id AS from, b.id AS to, t.amountMinor AS amountMinor,
       t.currency AS currency, toString(t.time) AS time
