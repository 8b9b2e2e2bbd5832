// Records a supplied file (or upload) as a Source of the organisation that supplied it: kind,
// name, and the counts of its latest load. The same file from two organisations is two Sources.
// @param $id             the organisation and the SHA-256 of the file's content (`ORG:hash`)
// @param $organisation   who supplied it
// @param $kind           the file kind
// @param $fileName       the file's name as supplied
// @param $rowsRead       rows read in the latest load
// @param $rowsLoaded     rows that added records
// @param $rowsRejected   rows rejected
MERGE (s:Source {id: $id})
  ON CREATE SET s.organisation = $organisation, s.kind = $kind, s.fileName = $fileName,
                s.firstLoadedAt = datetime()
SET s.lastLoadedAt = datetime(), s.rowsRead = toInteger($rowsRead),
    s.rowsLoaded = coalesce(s.rowsLoaded, 0) + toInteger($rowsLoaded),
    s.rowsRejected = toInteger($rowsRejected)
