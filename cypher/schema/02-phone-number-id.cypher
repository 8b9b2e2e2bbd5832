// Uniqueness of the domain id of PhoneNumber: a phone number, id in E.164.
CREATE CONSTRAINT phone_number_id IF NOT EXISTS
FOR (n:PhoneNumber) REQUIRE n.id IS UNIQUE
