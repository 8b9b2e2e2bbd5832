// Replaces the changeable fields of a user.
// @param $username       login name
// @param $displayName    full name
// @param $role           new role
// @param $organisation   partner organisation or null
// @param $sector         partner sector (bank | telecom | platform) or null
// @param $disabled       true to lock the account
// @param $updatedBy      username of the administrator
// @returns username
MATCH (u:User {username: $username})
SET u.displayName = $displayName, u.role = $role, u.organisation = $organisation,
    u.sector = $sector, u.disabled = $disabled, u.updatedAt = datetime(), u.updatedBy = $updatedBy
RETURN u.username AS username
