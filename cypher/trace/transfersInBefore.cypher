// The next hop of a backward trace: transfers into each frontier account before the traced money
// left it and after the window opened, latest first, at most $perAccount per account.
// @param $frontier     list of {account, before}: account id and ISO-8601 time the money left
// @param $since        ISO-8601 start of the window
// @param $currency     the traced money's currency
// @param $perAccount   most transfers followed into one account
// @returns id, from, to, amountMinor, time
UNWIND $frontier AS f
MATCH (a:BankAccount)-[:SENT]->(t:Transfer)-[:TO]->(b:BankAccount {id: f.account})
WHERE t.time < datetime(f.before) AND t.time >= datetime($since) AND t.currency = $currency
WITH a, t, b
ORDER BY t.time DESC
WITH b, collect({id: t.id, from: a.id, amountMinor: t.amountMinor, time: t.time})[..$perAccount] AS incoming
UNWIND incoming AS transfer
RETURN transfer.id AS id, transfer.from AS from, b.id AS to, transfer.amountMinor AS amountMinor,
       transfer.time AS time
