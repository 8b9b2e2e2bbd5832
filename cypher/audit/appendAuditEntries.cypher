// Appends entries to the audit chain and moves the head to the last (same transaction as the lock).
// @param $entries   the entries in chain order: seq, at, actor, role, action, target, params
//                   (canonical JSON), resultSize, outcome, requestId, recordId, prevHash, hash
// @param $seq       the last entry's place in the chain
// @param $hash      the last entry's hash
MATCH (h:AuditHead {id: 'audit'})
UNWIND $entries AS e
CREATE (:AuditEntry {seq: toInteger(e.seq), at: e.at, actor: e.actor, role: e.role, action: e.action,
                     target: e.target, params: e.params, resultSize: toInteger(e.resultSize),
                     outcome: e.outcome, requestId: e.requestId, recordId: e.recordId,
                     prevHash: e.prevHash, hash: e.hash})
WITH DISTINCT h
SET h.seq = $seq, h.hash = $hash
