// Tests only: rewrites audit entries (actor and hashes) and moves the head to the last one, as
// someone with database access who re-chains the trail after an edit might.
// @param $entries   the rewritten entries: seq, actor, prevHash, hash
// @param $seq       the head's place in the chain
// @param $hash      the head's hash
UNWIND $entries AS rewritten
MATCH (e:AuditEntry {seq: toInteger(rewritten.seq)})
SET e.actor = rewritten.actor, e.prevHash = rewritten.prevHash, e.hash = rewritten.hash
WITH count(*) AS rewrittenCount
MATCH (h:AuditHead {id: 'audit'})
SET h.seq = $seq, h.hash = $hash
