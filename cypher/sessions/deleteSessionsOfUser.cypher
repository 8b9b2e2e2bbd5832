// Ends every session of a user (after a role change, lock or password reset).
// @param $username   login name
MATCH (:User {username: $username})<-[:SESSION_OF]-(s:Session)
DETACH DELETE s
