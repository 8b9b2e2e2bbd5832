// Loads a batch of SIM sightings (a SIM seen in a handset, with its number). Each sighting is an
// event; the SIM's SEEN_IN link to the handset and HAS_NUMBER link to its number are aggregates.
// @param $rows       normalised sighting rows
// @param $sourceId   the Source the rows come from
// The sightings' ids are in the supplying operator's namespace (`ORG:record_id`): the SIMs and numbers
// are shown to it as its subscribers' from those (entityById), never stored as an `operator` the
// first upload would set.
// @returns created
UNWIND $rows AS row
MERGE (x:Sighting {id: row.id})
  ON CREATE SET x.pending = true
WITH x, row
WHERE x.pending
REMOVE x.pending
SET x.recordId = row.recordId, x.time = datetime(row.seenAt), x.timeOffset = row.seenOffset,
    x.cell = row.cell, x.sourceId = $sourceId, x.sourceLine = toInteger(row.line)
MERGE (s:SIM {id: row.imsi})
SET s.iccid = coalesce(s.iccid, row.iccid)
MERGE (d:Device {id: row.imei})
  ON CREATE SET d.tac = row.tac
CREATE (s)-[:SIGHTED]->(x)-[:IN_DEVICE]->(d)
MERGE (s)-[u:SEEN_IN]->(d)
  ON CREATE SET u.count = 0, u.first = x.time, u.last = x.time
SET u.count = u.count + 1,
    u.first = CASE WHEN x.time < u.first THEN x.time ELSE u.first END,
    u.last = CASE WHEN x.time > u.last THEN x.time ELSE u.last END
WITH s, x, row
CALL (s, x, row) {
  WITH s, x, row
  WHERE row.msisdn IS NOT NULL
  MERGE (p:PhoneNumber {id: row.msisdn})
    ON CREATE SET p.raw = row.msisdnRaw
  CREATE (x)-[:WITH_NUMBER]->(p)
  MERGE (s)-[h:HAS_NUMBER]->(p)
    ON CREATE SET h.count = 0, h.first = x.time, h.last = x.time
  SET h.count = h.count + 1,
      h.first = CASE WHEN x.time < h.first THEN x.time ELSE h.first END,
      h.last = CASE WHEN x.time > h.last THEN x.time ELSE h.last END
}
RETURN count(x) AS created
