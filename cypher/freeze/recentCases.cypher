// Cases reported since a time, newest first.
// @param $since   ISO-8601
// @param $limit   most cases answered
// @returns id
MATCH (k:Case)
WHERE k.reportedAt >= datetime($since)
RETURN k.id AS id
ORDER BY k.reportedAt DESC
LIMIT $limit
