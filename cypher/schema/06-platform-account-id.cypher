// Uniqueness of the domain id of PlatformAccount: an account on a social or shopping platform, id is platform and handle.
CREATE CONSTRAINT platform_account_id IF NOT EXISTS
FOR (n:PlatformAccount) REQUIRE n.id IS UNIQUE
