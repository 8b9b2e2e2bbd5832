// Issues an API token to a user; only the hash of its secret is stored.
// @param $id           public id of the token
// @param $secretHash   SHA-256 of the secret
// @param $name         what the token is for
// @param $scopes       permissions the token carries
// @param $expiresAt    ISO-8601 expiry, or null
// @param $username     owner
// @returns id, name, scopes, createdAt, expiresAt
MATCH (u:User {username: $username})
CREATE (t:ApiToken {id: $id, secretHash: $secretHash, name: $name, scopes: $scopes,
                    createdAt: datetime(),
                    expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END})
       -[:ISSUED_TO]->(u)
RETURN t.id AS id, t.name AS name, t.scopes AS scopes, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt
