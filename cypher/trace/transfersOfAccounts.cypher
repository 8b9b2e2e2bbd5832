// Every transfer in or out of the traced accounts within the booking window (untraced money too:
// it dilutes or queues ahead of the traced money), at most $cap.
// @param $accounts   account ids the trace reached
// @param $since      ISO-8601 start of the booking window
// @param $until      ISO-8601 end of the window
// @param $currency   the traced payment's currency
// @param $cap        most transfers read
// @returns id, from, to, amountMinor, time
UNWIND $accounts AS id
MATCH (:BankAccount {id: id})-[:SENT|TO]-(t:Transfer)
WHERE t.time >= datetime($since) AND t.time <= datetime($until) AND t.currency = $currency
WITH DISTINCT t
LIMIT $cap
MATCH (a:BankAccount)-[:SENT]->(t)-[:TO]->(b:BankAccount)
RETURN t.id AS id, a.id AS from, b.id AS to, t.amountMinor AS amountMinor, t.time AS time
