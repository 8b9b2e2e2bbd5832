// Uniqueness of the id of StopCounter: the one counter that numbers stop-payment changes.
CREATE CONSTRAINT stop_counter_id IF NOT EXISTS
FOR (n:StopCounter) REQUIRE n.id IS UNIQUE
