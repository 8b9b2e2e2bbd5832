// Creates a user account; the username constraint refuses a duplicate.
// @param $username       login name
// @param $displayName    full name
// @param $role           investigator | supervisor | administrator | partner
// @param $organisation   the partner's organisation (bank, operator or platform code), else null
// @param $sector         the partner's sector (bank | telecom | platform), else null
// @param $passwordHash   argon2id hash
// @param $createdBy      username of the administrator, or `cli`
// @returns username
CREATE (u:User {
  username: $username,
  displayName: $displayName,
  role: $role,
  organisation: $organisation,
  sector: $sector,
  passwordHash: $passwordHash,
  disabled: false,
  createdAt: datetime(),
  createdBy: $createdBy
})
RETURN u.username AS username
