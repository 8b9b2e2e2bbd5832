// Uniqueness of the id of Ring (run id + '/' + ring): a ring found by one analysis run.
CREATE CONSTRAINT ring_id IF NOT EXISTS
FOR (n:Ring) REQUIRE n.id IS UNIQUE
