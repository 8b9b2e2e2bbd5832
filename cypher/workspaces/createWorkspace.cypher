// Saves a new investigation workspace for its owner; the document is stored as JSON text.
// @param $id          public id of the workspace
// @param $owner       username of the user saving it
// @param $name        the investigation's name
// @param $document    the workspace as JSON text
// @param $sizeBytes   size of the JSON text in bytes
// @returns id, name, createdAt, updatedAt, sizeBytes
MATCH (u:User {username: $owner})
CREATE (w:Workspace {id: $id, owner: $owner, name: $name, document: $document,
                     sizeBytes: $sizeBytes, createdAt: datetime(), updatedAt: datetime()})
       -[:OWNED_BY]->(u)
RETURN w.id AS id, w.name AS name, w.createdAt AS createdAt, w.updatedAt AS updatedAt,
       w.sizeBytes AS sizeBytes
