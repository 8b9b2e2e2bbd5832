// One transfer with its accounts: the starting point of a trace.
// @param $id   transfer id
// @returns id, from, to, amountMinor, currency, time
MATCH (a:BankAccount)-[:SENT]->(t:Transfer {id: $id})-[:TO]->(b:BankAccount)
RETURN t.id AS id, a.id AS from, b.id AS to, t.amountMinor AS amountMinor,
       t.currency AS currency, t.time AS time
