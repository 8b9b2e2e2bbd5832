// Takes the write lock on the audit chain's head (creating it on first use) and returns it.
// @param $genesis   hash the first entry links to
// @returns seq, hash
MERGE (h:AuditHead {id: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.lockedAt = datetime()
RETURN h.seq AS seq, h.hash AS hash
