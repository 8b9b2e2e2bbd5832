// One user with the password hash, for login and administration.
// @param $username   login name
// @returns username, displayName, role, organisation, sector, disabled, passwordHash, createdAt
MATCH (u:User {username: $username})
RETURN u.username AS username, u.displayName AS displayName, u.role AS role,
       u.organisation AS organisation, u.sector AS sector, u.disabled AS disabled, u.passwordHash AS passwordHash,
       u.createdAt AS createdAt
