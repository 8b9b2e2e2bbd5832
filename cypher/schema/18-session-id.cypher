// Uniqueness of a browser session, by the hash of its cookie.
CREATE CONSTRAINT session_id IF NOT EXISTS
FOR (n:Session) REQUIRE n.id IS UNIQUE
