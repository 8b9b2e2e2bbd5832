// One page of transfers for the analysis graph, in id order (keyset pagination): who paid whom,
// when (epoch milliseconds) and how much.
// @param $after   the last transfer id of the previous page ('' for the first page)
// @param $limit   page size
// @returns id, from, to, at, amountMinor
MATCH (t:Transfer)
WHERE t.id > $after
WITH t
ORDER BY t.id
LIMIT $limit
MATCH (a:BankAccount)-[:SENT]->(t)-[:TO]->(b:BankAccount)
RETURN t.id AS id, a.id AS from, b.id AS to, t.time.epochMillis AS at, t.amountMinor AS amountMinor
