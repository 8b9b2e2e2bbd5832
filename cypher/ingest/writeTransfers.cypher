// Loads a batch of bank transfers. A transfer already in the graph is left alone (so a file loads
// twice without change); for the new ones the accounts are merged, the events linked, and the
// TRANSFERRED aggregate of each account pair (per currency) is updated in the same transaction.
// @param $rows       normalised transfer rows (see server/ingest/kinds.ts)
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (t:Transfer {id: row.id})
  ON CREATE SET t.pending = true
WITH t, row
WHERE t.pending
REMOVE t.pending
SET t.recordId = row.recordId, t.time = datetime(row.time), t.timeOffset = row.timeOffset,
    t.amountMinor = toInteger(row.amountMinor), t.currency = row.currency,
    t.channel = row.channel, t.reference = row.reference,
    t.sourceId = $sourceId, t.sourceLine = toInteger(row.line)
MERGE (a:BankAccount {id: row.fromId})
  ON CREATE SET a.bank = row.fromBank, a.number = row.fromNumber
MERGE (b:BankAccount {id: row.toId})
  ON CREATE SET b.bank = row.toBank, b.number = row.toNumber
CREATE (a)-[:SENT]->(t)-[:TO]->(b)
WITH a, b, t.currency AS currency, count(t) AS n, sum(t.amountMinor) AS total,
     min(t.time) AS first, max(t.time) AS last
MERGE (a)-[r:TRANSFERRED {currency: currency}]->(b)
  ON CREATE SET r.count = 0, r.totalMinor = 0, r.first = first, r.last = last
SET r.count = r.count + n, r.totalMinor = r.totalMinor + total,
    r.first = CASE WHEN first < r.first THEN first ELSE r.first END,
    r.last = CASE WHEN last > r.last THEN last ELSE r.last END
RETURN sum(n) AS created
