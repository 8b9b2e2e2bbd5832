// Tests only: deletes one audit entry, as someone with database access might.
// @param $seq   which entry
MATCH (e:AuditEntry {seq: $seq})
DETACH DELETE e
