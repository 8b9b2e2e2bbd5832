// Uniqueness of the domain id of Sighting: a SIM seen in a handset, id is OPERATOR:record_id.
CREATE CONSTRAINT sighting_id IF NOT EXISTS
FOR (n:Sighting) REQUIRE n.id IS UNIQUE
