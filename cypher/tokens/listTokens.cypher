// Tokens of one user (or of everyone when $username is null), newest first, no secrets.
// @param $username   owner, or null for all
// @param $skip       rows to skip
// @param $limit      page size
// @returns id, name, scopes, owner, createdAt, expiresAt, lastUsedAt, revokedAt
MATCH (t:ApiToken)-[:ISSUED_TO]->(u:User)
WHERE $username IS NULL OR u.username = $username
RETURN t.id AS id, t.name AS name, t.scopes AS scopes, u.username AS owner,
       t.createdAt AS createdAt, t.expiresAt AS expiresAt, t.lastUsedAt AS lastUsedAt,
       t.revokedAt AS revokedAt
ORDER BY t.createdAt DESC
SKIP $skip
LIMIT $limit
