// Marks a session as just used.
// @param $id   SHA-256 of the session cookie
MATCH (s:Session {id: $id})
SET s.lastSeen = datetime()
