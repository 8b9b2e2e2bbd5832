// Uniqueness of an audit entry, by its place in the chain.
CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS
FOR (n:AuditEntry) REQUIRE n.seq IS UNIQUE
