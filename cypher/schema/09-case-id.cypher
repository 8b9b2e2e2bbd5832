// Uniqueness of the domain id of Case: a victim's report, id is the case number.
CREATE CONSTRAINT case_id IF NOT EXISTS
FOR (n:Case) REQUIRE n.id IS UNIQUE
