// Uniqueness of the domain id of IPAddress: an IP address, id in canonical text form.
CREATE CONSTRAINT ip_address_id IF NOT EXISTS
FOR (n:IPAddress) REQUIRE n.id IS UNIQUE
