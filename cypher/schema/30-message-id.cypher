// Uniqueness of the domain id of Message: a platform message, id is platform:record_id.
CREATE CONSTRAINT message_id IF NOT EXISTS
FOR (n:Message) REQUIRE n.id IS UNIQUE
