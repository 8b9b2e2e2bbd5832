// One workspace with its document, only for its owner (others find nothing).
// @param $id      workspace id
// @param $owner   username asking
// @returns id, name, createdAt, updatedAt, sizeBytes, document
MATCH (w:Workspace {id: $id, owner: $owner})
RETURN w.id AS id, w.name AS name, w.createdAt AS createdAt, w.updatedAt AS updatedAt,
       w.sizeBytes AS sizeBytes, w.document AS document
