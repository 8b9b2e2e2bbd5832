// Sets a new password hash.
// @param $username       login name
// @param $passwordHash   argon2id hash
// @returns username
MATCH (u:User {username: $username})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime()
RETURN u.username AS username
