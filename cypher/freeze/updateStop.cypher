// Moves a stop on in its life (answered, renewed, frozen, lapsed, released, escalated, warned)
// when it is still as it was read (its status among $from and its change number $seq): otherwise
// nothing is written and no row comes back. The change takes the next change number; the money a
// confirmed hold secured is written with it, victim payment by victim payment.
// @param $id        the stop's id
// @param $from      statuses it may be in
// @param $seq       its change number as read
// @param $changes   properties to set (times as ISO-8601 text)
// @param $secured   [{transferId, amountMinor}] money secured (empty unless confirming a hold)
// @param $now       ISO-8601 time of the change
// @returns id
MERGE (c:StopCounter {id: 'stops'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = $now
WITH c
MATCH (s:StopRequest {id: $id})
WHERE s.status IN $from AND s.seq = $seq
SET c.seq = c.seq + 1
SET s += $changes, s.seq = c.seq, s.updatedAt = $now
WITH s
CALL (s) {
  UNWIND $secured AS line
  MATCH (t:Transfer {id: line.transferId})
  MERGE (s)-[r:SECURES]->(t)
  SET r.amountMinor = toInteger(line.amountMinor)
}
RETURN s.id AS id
