// The next entries of the chain in order, for export and verification.
// @param $afterSeq   continue after this entry (0 from the start)
// @param $limit      page size
// @returns seq, at, actor, role, action, target, params, resultSize, outcome, requestId, prevHash, hash
MATCH (e:AuditEntry)
WHERE e.seq > $afterSeq
RETURN e.seq AS seq, e.at AS at, e.actor AS actor, e.role AS role, e.action AS action,
       e.target AS target, e.params AS params, e.resultSize AS resultSize, e.outcome AS outcome,
       e.requestId AS requestId, e.prevHash AS prevHash, e.hash AS hash
ORDER BY e.seq
LIMIT $limit
