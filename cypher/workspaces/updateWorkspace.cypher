// Renames a workspace and/or replaces its document, only for its owner.
// @param $id          workspace id
// @param $owner       username asking
// @param $name        new name, or null to keep it
// @param $document    new document as JSON text, or null to keep it
// @param $sizeBytes   size of the new document in bytes, or null
// @returns id, name, createdAt, updatedAt, sizeBytes
MATCH (w:Workspace {id: $id, owner: $owner})
SET w.name = coalesce($name, w.name),
    w.document = coalesce($document, w.document),
    w.sizeBytes = coalesce($sizeBytes, w.sizeBytes),
    w.updatedAt = datetime()
RETURN w.id AS id, w.name AS name, w.createdAt AS createdAt, w.updatedAt AS updatedAt,
       w.sizeBytes AS sizeBytes
