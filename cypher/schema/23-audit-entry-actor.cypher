// Index for audit entries of one user.
CREATE INDEX audit_entry_actor IF NOT EXISTS
FOR (n:AuditEntry) ON (n.actor)
