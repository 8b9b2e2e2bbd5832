// Uniqueness of a Ringtrace user account, by login name.
CREATE CONSTRAINT user_username IF NOT EXISTS
FOR (n:User) REQUIRE n.username IS UNIQUE
