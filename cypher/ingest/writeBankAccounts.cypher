// Loads a batch of bank accounts with their holders and the holders' registered mobile numbers. A
// row counts as new when no earlier accounts file described the account; the holder link and the
// holder's number link carry their source and line.
// @param $rows       normalised account rows
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (a:BankAccount {id: row.id})
  ON CREATE SET a.bank = row.bank, a.number = row.number
WITH a, row, a.recordSourceId IS NULL AS isNew
SET a.recordSourceId = coalesce(a.recordSourceId, $sourceId),
    a.recordLine = coalesce(a.recordLine, toInteger(row.line)),
    a.openedAt = coalesce(a.openedAt, datetime(row.openedAt)),
    a.openedOffset = coalesce(a.openedOffset, row.openedOffset)
WITH a, row, isNew
CALL (a, row) {
  WITH a, row
  WHERE row.holderId IS NOT NULL
  MERGE (p:Person {id: row.holderId})
    ON CREATE SET p.name = row.holderName
  MERGE (p)-[h:HOLDS]->(a)
    ON CREATE SET h.sourceId = $sourceId, h.sourceLine = toInteger(row.line)
  WITH p, row
  WHERE row.holderPhone IS NOT NULL
  MERGE (n:PhoneNumber {id: row.holderPhone})
    ON CREATE SET n.raw = row.holderPhoneRaw
  MERGE (p)-[u:USES_NUMBER]->(n)
    ON CREATE SET u.sourceId = $sourceId, u.sourceLine = toInteger(row.line)
}
RETURN count(CASE WHEN isNew THEN 1 END) AS created
