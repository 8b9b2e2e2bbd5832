// Uniqueness of the id of AlertCounter: the one counter that numbers alert changes.
CREATE CONSTRAINT alert_counter_id IF NOT EXISTS
FOR (n:AlertCounter) REQUIRE n.id IS UNIQUE
