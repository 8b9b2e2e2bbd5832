// Tests only: cuts entries off the end of the audit trail and moves the head back to the last one
// kept, as someone with database access might.
// @param $keep   the last entry to keep
MATCH (e:AuditEntry)
WHERE e.seq > $keep
DETACH DELETE e
WITH count(*) AS removed
MATCH (h:AuditHead {id: 'audit'}), (last:AuditEntry {seq: $keep})
SET h.seq = last.seq, h.hash = last.hash
