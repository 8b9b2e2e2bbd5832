// Uniqueness of the domain id of Call: one call from a call detail record.
CREATE CONSTRAINT call_id IF NOT EXISTS
FOR (n:Call) REQUIRE n.id IS UNIQUE
