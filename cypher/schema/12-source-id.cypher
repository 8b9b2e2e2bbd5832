// Uniqueness of the domain id of Source: a supplied file or message: organisation and content hash.
CREATE CONSTRAINT source_id IF NOT EXISTS
FOR (n:Source) REQUIRE n.id IS UNIQUE
