// The head of the audit chain: the last entry's place and hash.
// @returns seq, hash
OPTIONAL MATCH (h:AuditHead {id: 'audit'})
RETURN coalesce(h.seq, 0) AS seq, h.hash AS hash
