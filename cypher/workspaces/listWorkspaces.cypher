// The workspaces one user saved, most recently changed first, without their documents.
// @param $owner   username
// @param $skip    rows to skip
// @param $limit   page size
// @returns id, name, createdAt, updatedAt, sizeBytes
MATCH (w:Workspace {owner: $owner})
RETURN w.id AS id, w.name AS name, w.createdAt AS createdAt, w.updatedAt AS updatedAt,
       w.sizeBytes AS sizeBytes
ORDER BY w.updatedAt DESC, w.id
SKIP $skip
LIMIT $limit
