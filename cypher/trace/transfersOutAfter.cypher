// The next hop of a forward trace: transfers out of each frontier account after the traced money
// arrived there and before the window closes, earliest first, at most $perAccount per account.
// @param $frontier     list of {account, after}: account id and ISO-8601 arrival time
// @param $until        ISO-8601 end of the window
// @param $currency     the traced payment's currency
// @param $perAccount   most transfers followed out of one account
// @returns id, from, to, amountMinor, time
UNWIND $frontier AS f
MATCH (a:BankAccount {id: f.account})-[:SENT]->(t:Transfer)-[:TO]->(b:BankAccount)
WHERE t.time > datetime(f.after) AND t.time <= datetime($until) AND t.currency = $currency
WITH a, t, b
ORDER BY t.time
WITH a, collect({id: t.id, to: b.id, amountMinor: t.amountMinor, time: t.time})[..$perAccount] AS out
UNWIND out AS transfer
RETURN transfer.id AS id, a.id AS from, transfer.to AS to, transfer.amountMinor AS amountMinor,
       transfer.time AS time
