// Uniqueness of the domain id of Person: a person: victim, suspect, account holder, subscriber.
CREATE CONSTRAINT person_id IF NOT EXISTS
FOR (n:Person) REQUIRE n.id IS UNIQUE
