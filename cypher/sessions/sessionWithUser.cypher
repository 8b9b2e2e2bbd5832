// A session with its user and how long it has been idle and alive.
// @param $id   SHA-256 of the session cookie
// @returns csrfToken, idleSeconds, ageSeconds, username, displayName, role, organisation, sector,
//            disabled
MATCH (s:Session {id: $id})-[:SESSION_OF]->(u:User)
RETURN s.csrfToken AS csrfToken,
       duration.inSeconds(s.lastSeen, datetime()).seconds AS idleSeconds,
       duration.inSeconds(s.createdAt, datetime()).seconds AS ageSeconds,
       u.username AS username, u.displayName AS displayName, u.role AS role,
       u.organisation AS organisation, u.sector AS sector, u.disabled AS disabled
