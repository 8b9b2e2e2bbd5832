// The supplied files (Sources) by id: who supplied each, its kind and name, when it was loaded.
// @param $ids   Source ids (`ORG:sha256`)
// @returns id, organisation, kind, fileName, firstLoadedAt
UNWIND $ids AS key
MATCH (s:Source {id: key})
RETURN s.id AS id, s.organisation AS organisation, s.kind AS kind, s.fileName AS fileName,
       s.firstLoadedAt AS firstLoadedAt
