// Loads a batch of victims' reports: the case, its station, the victim, and every number, account
// and platform account the victim names (each NAMES link carries its source and line).
// @param $rows       normalised report rows
// @param $sourceId   the Source the rows come from
// @returns created, ids
UNWIND $rows AS row
MERGE (k:Case {id: row.id})
  ON CREATE SET k.pending = true
WITH k, row
WHERE k.pending
REMOVE k.pending
SET k.reportedAt = datetime(row.reportedAt), k.reportedOffset = row.reportedOffset,
    k.scamType = row.scamType, k.lossMinor = toInteger(row.lossMinor), k.currency = row.currency,
    k.sourceId = $sourceId, k.sourceLine = toInteger(row.line)
MERGE (st:Station {id: row.stationId})
SET st.name = coalesce(row.stationName, st.name)
CREATE (k)-[:REPORTED_AT]->(st)
WITH k, row
CALL (k, row) {
  WITH k, row
  WHERE row.victimId IS NOT NULL
  MERGE (v:Person {id: row.victimId})
    ON CREATE SET v.name = row.victimName
  SET v:Victim
  CREATE (v)-[:REPORTED {sourceId: $sourceId, sourceLine: toInteger(row.line)}]->(k)
  WITH v, row
  WHERE row.victimPhone IS NOT NULL
  MERGE (p:PhoneNumber {id: row.victimPhone})
    ON CREATE SET p.raw = row.victimPhoneRaw
  MERGE (v)-[u:USES_NUMBER]->(p)
    ON CREATE SET u.sourceId = $sourceId, u.sourceLine = toInteger(row.line)
}
CALL (k, row) {
  UNWIND row.numbers AS number
  MERGE (p:PhoneNumber {id: number.id})
    ON CREATE SET p.raw = number.raw
  CREATE (k)-[:NAMES {sourceId: $sourceId, sourceLine: toInteger(row.line)}]->(p)
}
CALL (k, row) {
  UNWIND row.accounts AS account
  MERGE (a:BankAccount {id: account.id})
    ON CREATE SET a.bank = account.bank, a.number = account.number
  CREATE (k)-[:NAMES {sourceId: $sourceId, sourceLine: toInteger(row.line)}]->(a)
}
CALL (k, row) {
  UNWIND row.handles AS handle
  MERGE (a:PlatformAccount {id: handle.id})
    ON CREATE SET a.platform = handle.platform, a.handle = handle.handle
  CREATE (k)-[:NAMES {sourceId: $sourceId, sourceLine: toInteger(row.line)}]->(a)
}
RETURN count(k) AS created, collect(k.id) AS ids
