// Closes an acknowledged alert with what came of it.
// @param $id        the alert id
// @param $by        who closes it
// @param $outcome   warned | payment_stopped | already_paid | false_alarm
// @param $note      the officer's note, or null
// @param $now       ISO-8601 time
// @returns alert
MERGE (c:AlertCounter {id: 'alerts'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = datetime($now)
WITH c
MATCH (a:Alert {id: $id})
WHERE a.status = 'acknowledged'
SET c.seq = c.seq + 1
SET a.status = 'closed', a.outcome = $outcome, a.outcomeNote = $note, a.closedBy = $by,
    a.closedAt = datetime($now), a.updatedAt = datetime($now), a.seq = c.seq
RETURN a {.*} AS alert
