// Ends one session.
// @param $id   SHA-256 of the session cookie
MATCH (s:Session {id: $id})
DETACH DELETE s
