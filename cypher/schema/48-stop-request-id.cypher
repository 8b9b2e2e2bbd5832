// Uniqueness of the id of StopRequest: one stop-payment request and its hold.
CREATE CONSTRAINT stop_request_id IF NOT EXISTS
FOR (n:StopRequest) REQUIRE n.id IS UNIQUE
