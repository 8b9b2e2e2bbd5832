// Alerts changed after change number $after, in the order they changed; one station's or all.
// @param $after       the last change number a client saw
// @param $stationId   a station id, or null for every station's
// @param $limit       alerts to answer
// @returns alert
MATCH (a:Alert)
WHERE a.seq > $after AND ($stationId IS NULL OR a.stationId = $stationId)
RETURN a {.*} AS alert
ORDER BY a.seq
LIMIT $limit
