// Revokes every live token of a user (their password was changed or reset).
// @param $username    whose tokens
// @param $revokedBy   who changed the password
// @returns revoked
MATCH (t:ApiToken)-[:ISSUED_TO]->(:User {username: $username})
WHERE t.revokedAt IS NULL
SET t.revokedAt = datetime(), t.revokedBy = $revokedBy
RETURN count(t) AS revoked
