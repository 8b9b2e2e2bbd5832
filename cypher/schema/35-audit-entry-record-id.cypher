// Uniqueness of an audit entry's record id, so a journal replayed after a crash adds nothing twice.
CREATE CONSTRAINT audit_entry_record_id IF NOT EXISTS
FOR (n:AuditEntry) REQUIRE n.recordId IS UNIQUE
