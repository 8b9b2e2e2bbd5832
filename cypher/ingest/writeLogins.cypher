// Loads a batch of platform logins: each an event linked to the account and, where given, the
// address and handset; USED_IP and USED_DEVICE aggregate them.
// @param $rows       normalised login rows
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (l:Login {id: row.id})
  ON CREATE SET l.pending = true
WITH l, row
WHERE l.pending
REMOVE l.pending
SET l.recordId = row.recordId, l.time = datetime(row.time), l.timeOffset = row.timeOffset,
    l.sourceId = $sourceId, l.sourceLine = toInteger(row.line)
MERGE (a:PlatformAccount {id: row.accountId})
  ON CREATE SET a.platform = row.platform, a.handle = row.handle
CREATE (a)-[:LOGGED_IN]->(l)
WITH a, l, row
CALL (a, l, row) {
  WITH a, l, row
  WHERE row.ip IS NOT NULL
  MERGE (i:IPAddress {id: row.ip})
  CREATE (l)-[:FROM_IP]->(i)
  MERGE (a)-[u:USED_IP]->(i)
    ON CREATE SET u.count = 0, u.first = l.time, u.last = l.time
  SET u.count = u.count + 1,
      u.first = CASE WHEN l.time < u.first THEN l.time ELSE u.first END,
      u.last = CASE WHEN l.time > u.last THEN l.time ELSE u.last END
}
CALL (a, l, row) {
  WITH a, l, row
  WHERE row.imei IS NOT NULL
  MERGE (d:Device {id: row.imei})
    ON CREATE SET d.tac = row.tac
  CREATE (l)-[:FROM_DEVICE]->(d)
  MERGE (a)-[u:USED_DEVICE]->(d)
    ON CREATE SET u.count = 0, u.first = l.time, u.last = l.time
  SET u.count = u.count + 1,
      u.first = CASE WHEN l.time < u.first THEN l.time ELSE u.first END,
      u.last = CASE WHEN l.time > u.last THEN l.time ELSE u.last END
}
RETURN count(l) AS created
