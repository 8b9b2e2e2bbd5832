// Appends one entry to the audit chain and moves the head to it (same transaction as the lock).
// @param $seq          place in the chain
// @param $at           ISO-8601 UTC time
// @param $actor        username
// @param $role         the actor's role
// @param $action       what was done
// @param $target       what it was done to
// @param $params       canonical JSON of the parameters
// @param $resultSize   records in the answer
// @param $outcome      ok | denied | failed | throttled
// @param $requestId    the request's id
// @param $prevHash     hash of the entry before
// @param $hash         hash of this entry
MATCH (h:AuditHead {id: 'audit'})
CREATE (:AuditEntry {seq: $seq, at: $at, actor: $actor, role: $role, action: $action,
                     target: $target, params: $params, resultSize: $resultSize,
                     outcome: $outcome, requestId: $requestId, prevHash: $prevHash, hash: $hash})
SET h.seq = $seq, h.hash = $hash
