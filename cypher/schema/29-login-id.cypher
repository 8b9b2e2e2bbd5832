// Uniqueness of the domain id of Login: a platform login, id is platform:record_id.
CREATE CONSTRAINT login_id IF NOT EXISTS
FOR (n:Login) REQUIRE n.id IS UNIQUE
