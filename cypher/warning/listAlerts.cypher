// A page of alerts, most severe first, then the latest events first; one station's, or all.
// @param $stationId   a station id, or null for every station's (the centre)
// @param $statuses    the statuses to list
// @param $rule        a rule, or null for every rule
// @param $skip        alerts to skip
// @param $limit       alerts to answer
// @returns alert, total
MATCH (a:Alert)
WHERE ($stationId IS NULL OR a.stationId = $stationId) AND a.status IN $statuses
  AND ($rule IS NULL OR a.rule = $rule)
WITH a ORDER BY a.rank, a.lastEventAt DESC, a.id
WITH collect(a) AS listed
UNWIND (CASE WHEN size(listed) = 0 THEN [null] ELSE listed[$skip..($skip + $limit)] END) AS a
RETURN CASE WHEN a IS NULL THEN null ELSE a {.*} END AS alert, size(listed) AS total
