// Opens a browser session for a user.
// @param $id          SHA-256 of the session cookie
// @param $csrfToken   token the browser must send with state-changing requests
// @param $username    login name
// @param $ip          client address
// @param $userAgent   client's user agent
// @returns id
MATCH (u:User {username: $username})
CREATE (s:Session {id: $id, csrfToken: $csrfToken, createdAt: datetime(), lastSeen: datetime(),
                   ip: $ip, userAgent: $userAgent})-[:SESSION_OF]->(u)
RETURN s.id AS id
