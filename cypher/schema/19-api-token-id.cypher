// Uniqueness of an API token, by its public id.
CREATE CONSTRAINT api_token_id IF NOT EXISTS
FOR (n:ApiToken) REQUIRE n.id IS UNIQUE
