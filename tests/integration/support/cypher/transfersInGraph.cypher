// Tests only: every transfer with its accounts and provenance.
// @returns id, from, to, amountMinor, currency, time, timeOffset, sourceId, sourceLine
MATCH (a:BankAccount)-[:SENT]->(t:Transfer)-[:TO]->(b:BankAccount)
RETURN t.id AS id, a.id AS from, b.id AS to, t.amountMinor AS amountMinor, t.currency AS currency,
       t.time AS time, t.timeOffset AS timeOffset, t.sourceId AS sourceId, t.sourceLine AS sourceLine
ORDER BY id
