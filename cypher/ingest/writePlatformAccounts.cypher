// Loads a batch of platform accounts with the number, address and handset they were registered
// with. A row counts as new when no earlier accounts file described the account.
// @param $rows       normalised platform account rows
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (a:PlatformAccount {id: row.id})
  ON CREATE SET a.platform = row.platform, a.handle = row.handle
WITH a, row, a.recordSourceId IS NULL AS isNew
SET a.recordSourceId = coalesce(a.recordSourceId, $sourceId),
    a.recordLine = coalesce(a.recordLine, toInteger(row.line)),
    a.displayName = coalesce(row.displayName, a.displayName),
    a.registeredAt = coalesce(a.registeredAt, datetime(row.registeredAt)),
    a.registeredOffset = coalesce(a.registeredOffset, row.registeredOffset)
WITH a, row, isNew
CALL (a, row) {
  WITH a, row
  WHERE row.phone IS NOT NULL
  MERGE (p:PhoneNumber {id: row.phone})
    ON CREATE SET p.raw = row.phoneRaw
  MERGE (a)-[l:REGISTERED_WITH]->(p)
    ON CREATE SET l.sourceId = $sourceId, l.sourceLine = toInteger(row.line)
}
CALL (a, row) {
  WITH a, row
  WHERE row.ip IS NOT NULL
  MERGE (i:IPAddress {id: row.ip})
  MERGE (a)-[l:REGISTERED_FROM]->(i)
    ON CREATE SET l.sourceId = $sourceId, l.sourceLine = toInteger(row.line)
}
CALL (a, row) {
  WITH a, row
  WHERE row.imei IS NOT NULL
  MERGE (d:Device {id: row.imei})
    ON CREATE SET d.tac = row.tac
  MERGE (a)-[l:REGISTERED_FROM]->(d)
    ON CREATE SET l.sourceId = $sourceId, l.sourceLine = toInteger(row.line)
}
RETURN count(CASE WHEN isNew THEN 1 END) AS created
