// Loads a batch of call detail records. New calls are linked to both numbers and, where given,
// the SIM and handset; the CALLED aggregate of each number pair and the SIM's SEEN_IN link to the
// handset are updated in the same transaction. Calls already loaded are left alone.
// @param $rows       normalised call rows
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (c:Call {id: row.id})
  ON CREATE SET c.pending = true
WITH c, row
WHERE c.pending
REMOVE c.pending
SET c.recordId = row.recordId, c.start = datetime(row.start), c.startOffset = row.startOffset,
    c.durationSeconds = toInteger(row.duration), c.cell = row.cell,
    c.sourceId = $sourceId, c.sourceLine = toInteger(row.line)
MERGE (a:PhoneNumber {id: row.from})
  ON CREATE SET a.raw = row.fromRaw
MERGE (b:PhoneNumber {id: row.to})
  ON CREATE SET b.raw = row.toRaw
CREATE (a)-[:MADE]->(c)-[:TO]->(b)
WITH a, b, c, row
CALL (c, row) {
  WITH c, row
  WHERE row.imsi IS NOT NULL
  MERGE (s:SIM {id: row.imsi})
  CREATE (c)-[:VIA_SIM]->(s)
}
CALL (c, row) {
  WITH c, row
  WHERE row.imei IS NOT NULL
  MERGE (d:Device {id: row.imei})
    ON CREATE SET d.tac = row.tac
  CREATE (c)-[:VIA_DEVICE]->(d)
}
CALL (c, row) {
  WITH c, row
  WHERE row.imsi IS NOT NULL AND row.imei IS NOT NULL
  MATCH (s:SIM {id: row.imsi}), (d:Device {id: row.imei})
  MERGE (s)-[u:SEEN_IN]->(d)
    ON CREATE SET u.count = 0, u.first = c.start, u.last = c.start
  SET u.count = u.count + 1,
      u.first = CASE WHEN c.start < u.first THEN c.start ELSE u.first END,
      u.last = CASE WHEN c.start > u.last THEN c.start ELSE u.last END
}
WITH a, b, count(c) AS n, sum(c.durationSeconds) AS seconds,
     min(c.start) AS first, max(c.start) AS last
MERGE (a)-[r:CALLED]->(b)
  ON CREATE SET r.count = 0, r.totalSeconds = 0, r.first = first, r.last = last
SET r.count = r.count + n, r.totalSeconds = r.totalSeconds + seconds,
    r.first = CASE WHEN first < r.first THEN first ELSE r.first END,
    r.last = CASE WHEN last > r.last THEN last ELSE r.last END
RETURN sum(n) AS created
