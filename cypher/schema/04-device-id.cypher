// Uniqueness of the domain id of Device: a handset or gateway, id is the 15-digit IMEI.
CREATE CONSTRAINT device_id IF NOT EXISTS
FOR (n:Device) REQUIRE n.id IS UNIQUE
