// Escalates to the centre every alert still new that was raised before $before.
// @param $before   ISO-8601: alerts raised before this and not acknowledged escalate
// @param $now      ISO-8601 time
// @returns alert
MATCH (a:Alert)
WHERE a.createdAt < datetime($before) AND a.status = 'new' AND NOT a.escalated
WITH collect(a) AS due
WHERE size(due) > 0
MERGE (c:AlertCounter {id: 'alerts'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = datetime($now)
WITH c, due
UNWIND due AS a
WITH c, a ORDER BY a.createdAt
SET c.seq = c.seq + 1
SET a.escalated = true, a.escalatedAt = datetime($now), a.updatedAt = datetime($now),
    a.seq = c.seq
RETURN a {.*} AS alert
