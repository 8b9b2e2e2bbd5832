// One step of a time-respecting path search: transfers out of the frontier accounts, or calls made
// by the frontier numbers, after the time each was reached and before the window closes, earliest
// first, at most $perNode per frontier entity.
// @param $kind       BankAccount (transfers) or PhoneNumber (calls)
// @param $frontier   list of {node, after}: entity id and ISO-8601 time it was reached
// @param $until      ISO-8601 end of the window
// @param $perNode    most events followed out of one entity
// @returns from, to, event, at, amountMinor, currency
UNWIND $frontier AS f
CALL (f) {
  MATCH (a:BankAccount {id: f.node})-[:SENT]->(e:Transfer)-[:TO]->(b:BankAccount)
  WHERE $kind = 'BankAccount' AND e.time > datetime(f.after) AND e.time <= datetime($until)
  RETURN a.id AS from, b.id AS to, e.id AS event, e.time AS at, e.amountMinor AS amountMinor,
         e.currency AS currency
  ORDER BY at
  LIMIT $perNode
  UNION ALL
  MATCH (a:PhoneNumber {id: f.node})-[:MADE]->(e:Call)-[:TO]->(b:PhoneNumber)
  WHERE $kind = 'PhoneNumber' AND e.start > datetime(f.after) AND e.start <= datetime($until)
  RETURN a.id AS from, b.id AS to, e.id AS event, e.start AS at, null AS amountMinor,
         null AS currency
  ORDER BY at
  LIMIT $perNode
}
RETURN from, to, event, at, amountMinor, currency
ORDER BY at
