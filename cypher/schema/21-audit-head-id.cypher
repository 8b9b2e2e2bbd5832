// Uniqueness of the head of the audit chain (one node).
CREATE CONSTRAINT audit_head_id IF NOT EXISTS
FOR (n:AuditHead) REQUIRE n.id IS UNIQUE
