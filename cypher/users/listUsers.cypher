// A page of users by username (no password hashes).
// @param $skip    rows to skip
// @param $limit   page size
// @returns username, displayName, role, organisation, sector, disabled, createdAt
MATCH (u:User)
RETURN u.username AS username, u.displayName AS displayName, u.role AS role,
       u.organisation AS organisation, u.sector AS sector, u.disabled AS disabled, u.createdAt AS createdAt
ORDER BY username
SKIP $skip
LIMIT $limit
