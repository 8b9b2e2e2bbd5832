// Acknowledges a new alert: someone at the station is on it.
// @param $id     the alert id
// @param $by     who acknowledges
// @param $now    ISO-8601 time
// @returns alert
MERGE (c:AlertCounter {id: 'alerts'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = datetime($now)
WITH c
MATCH (a:Alert {id: $id})
WHERE a.status = 'new'
SET c.seq = c.seq + 1
SET a.status = 'acknowledged', a.acknowledgedBy = $by, a.acknowledgedAt = datetime($now),
    a.updatedAt = datetime($now), a.seq = c.seq
RETURN a {.*} AS alert
