// How many workspaces one user has saved (a user may keep a limited number).
// @param $owner   username
// @returns count
MATCH (w:Workspace {owner: $owner})
RETURN count(w) AS count
