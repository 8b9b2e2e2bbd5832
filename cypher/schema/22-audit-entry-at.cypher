// Index for audit entries in a time range.
CREATE INDEX audit_entry_at IF NOT EXISTS
FOR (n:AuditEntry) ON (n.at)
