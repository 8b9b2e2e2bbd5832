// Revokes a token; with $owner set, only if that user owns it.
// @param $id          public id of the token
// @param $owner       required owner, or null (administrators)
// @param $revokedBy   who revoked it
// @returns id, owner
MATCH (t:ApiToken {id: $id})-[:ISSUED_TO]->(u:User)
WHERE $owner IS NULL OR u.username = $owner
SET t.revokedAt = coalesce(t.revokedAt, datetime()), t.revokedBy = coalesce(t.revokedBy, $revokedBy)
RETURN t.id AS id, u.username AS owner
