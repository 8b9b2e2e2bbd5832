// The alerts raised since a time, in brief, for the centre's dashboard.
// @param $since   ISO-8601 time
// @param $limit   most alerts read
// @returns createdAt, stationId, stationName, status, outcome, severity, amountMinor, currency
MATCH (a:Alert)
WHERE a.createdAt >= datetime($since)
RETURN toString(a.createdAt) AS createdAt, a.stationId AS stationId, a.stationName AS stationName,
       a.status AS status, a.outcome AS outcome, a.severity AS severity,
       a.amountMinor AS amountMinor, a.currency AS currency
LIMIT $limit
