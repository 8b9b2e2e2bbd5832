// Deletes a workspace, only for its owner.
// @param $id      workspace id
// @param $owner   username asking
// @returns id
MATCH (w:Workspace {id: $id, owner: $owner})
WITH w, w.id AS id
DETACH DELETE w
RETURN id
