// Audit entries matching the filters, newest first, one page before $beforeSeq.
// @param $actor       username, or null
// @param $action      action or action prefix (e.g. `users.`), or null
// @param $from        ISO-8601 UTC lower bound, or null
// @param $to          ISO-8601 UTC upper bound (exclusive), or null
// @param $beforeSeq   continue below this entry, or null for the newest
// @param $limit       page size
// @returns seq, at, actor, role, action, target, params, resultSize, outcome, requestId, prevHash, hash
MATCH (e:AuditEntry)
WHERE ($actor IS NULL OR e.actor = $actor)
  AND ($action IS NULL OR e.action STARTS WITH $action)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at < $to)
  AND ($beforeSeq IS NULL OR e.seq < $beforeSeq)
RETURN e.seq AS seq, e.at AS at, e.actor AS actor, e.role AS role, e.action AS action,
       e.target AS target, e.params AS params, e.resultSize AS resultSize, e.outcome AS outcome,
       e.requestId AS requestId, e.prevHash AS prevHash, e.hash AS hash
ORDER BY e.seq DESC
LIMIT $limit
