// A token with its owner, for authenticating a request.
// @param $id   public id of the token
// @returns secretHash, scopes, revoked, expired, username, displayName, role, organisation,
//          sector, disabled
MATCH (t:ApiToken {id: $id})-[:ISSUED_TO]->(u:User)
RETURN t.secretHash AS secretHash, t.scopes AS scopes, t.revokedAt IS NOT NULL AS revoked,
       coalesce(t.expiresAt < datetime(), false) AS expired,
       u.username AS username, u.displayName AS displayName, u.role AS role,
       u.organisation AS organisation, u.sector AS sector, u.disabled AS disabled
