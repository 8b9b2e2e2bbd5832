// Uniqueness of the domain id of Station: a police station.
CREATE CONSTRAINT station_id IF NOT EXISTS
FOR (n:Station) REQUIRE n.id IS UNIQUE
