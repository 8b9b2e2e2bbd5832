// Tests only: tampers with one audit entry's actor, as someone with database access might.
// @param $seq     which entry
// @param $actor   the forged actor
MATCH (e:AuditEntry {seq: $seq})
SET e.actor = $actor
