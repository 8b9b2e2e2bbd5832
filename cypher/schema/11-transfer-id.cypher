// Uniqueness of the domain id of Transfer: one money transfer.
CREATE CONSTRAINT transfer_id IF NOT EXISTS
FOR (n:Transfer) REQUIRE n.id IS UNIQUE
