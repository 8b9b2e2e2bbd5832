// Loads a batch of new call records, sent as columns (see server/ingest/kinds/telecomCdr.ts):
// merges each number, SIM and handset once, creates each call linked to them, and adds the batch's
// totals to the CALLED (number pair) and SEEN_IN (SIM in handset) aggregates. Run in the same
// transaction as existingCalls.
// @param $numbers    distinct numbers {id, raw}; rows refer to them by position
// @param $sims       distinct IMSIs
// @param $devices    distinct handsets {id, tac}
// @param $cols       the calls, one list per field, with fromIdx/toIdx/simIdx/deviceIdx (-1: none)
// @param $pairs      per number pair: from, to, count, total (seconds), first, last
// @param $seen       per SIM and handset: from (SIM), to (handset), count, first, last
// @param $sourceId   the Source the rows come from
// The calls' ids are in the supplying operator's namespace (`ORG:record_id`); which operator's
// subscribers a number and SIM are is read from those ids (entityById), never stored on them, so no
// upload can take a number from its operator.
// @returns created
UNWIND $numbers AS number
MERGE (p:PhoneNumber {id: number.id})
  ON CREATE SET p.raw = number.raw
WITH collect(p) AS numbers
CALL () {
  UNWIND $sims AS imsi
  MERGE (s:SIM {id: imsi})
  RETURN collect(s) AS sims
}
CALL () {
  UNWIND $devices AS device
  MERGE (d:Device {id: device.id})
    ON CREATE SET d.tac = device.tac
  RETURN collect(d) AS devices
}
CALL (numbers, sims, devices) {
  UNWIND range(0, size($cols.id) - 1) AS i
  WITH numbers[toInteger($cols.fromIdx[i])] AS a, numbers[toInteger($cols.toIdx[i])] AS b, i,
       sims, devices
  CREATE (a)-[:MADE]->(c:Call {
    id: $cols.id[i], recordId: $cols.recordId[i],
    start: datetime($cols.start[i]), startOffset: $cols.startOffset[i],
    durationSeconds: toInteger($cols.duration[i]), cell: $cols.cell[i],
    sourceId: $sourceId, sourceLine: toInteger($cols.line[i])
  })-[:TO]->(b)
  FOREACH (s IN CASE WHEN $cols.simIdx[i] < 0 THEN [] ELSE [sims[toInteger($cols.simIdx[i])]] END |
    CREATE (c)-[:VIA_SIM]->(s))
  FOREACH (d IN CASE WHEN $cols.deviceIdx[i] < 0 THEN [] ELSE [devices[toInteger($cols.deviceIdx[i])]] END |
    CREATE (c)-[:VIA_DEVICE]->(d))
}
CALL (numbers) {
  UNWIND range(0, size($pairs.from) - 1) AS j
  WITH numbers[toInteger($pairs.from[j])] AS a, numbers[toInteger($pairs.to[j])] AS b, j,
       datetime($pairs.first[j]) AS first, datetime($pairs.last[j]) AS last
  MERGE (a)-[r:CALLED]->(b)
    ON CREATE SET r.count = 0, r.totalSeconds = 0, r.first = first, r.last = last
  SET r.count = r.count + toInteger($pairs.count[j]),
      r.totalSeconds = r.totalSeconds + toInteger($pairs.total[j]),
      r.first = CASE WHEN first < r.first THEN first ELSE r.first END,
      r.last = CASE WHEN last > r.last THEN last ELSE r.last END
}
CALL (sims, devices) {
  UNWIND range(0, size($seen.from) - 1) AS j
  WITH sims[toInteger($seen.from[j])] AS s, devices[toInteger($seen.to[j])] AS d, j,
       datetime($seen.first[j]) AS first, datetime($seen.last[j]) AS last
  MERGE (s)-[u:SEEN_IN]->(d)
    ON CREATE SET u.count = 0, u.first = first, u.last = last
  SET u.count = u.count + toInteger($seen.count[j]),
      u.first = CASE WHEN first < u.first THEN first ELSE u.first END,
      u.last = CASE WHEN last > u.last THEN last ELSE u.last END
}
RETURN size($cols.id) AS created
