// Records a batch of live events as received (not yet scored), and answers whether it was received
// and scored before.
// @param $id             the batch's Source id
// @param $organisation   who sent it
// @param $events         how many events it held
// @returns received, scored
OPTIONAL MATCH (old:Source {id: $id})
WITH old IS NOT NULL AS received, coalesce(old.scored, false) AS scored
MERGE (s:Source {id: $id})
  ON CREATE SET s.organisation = $organisation, s.kind = 'live-events',
                s.fileName = 'POST /api/events', s.firstLoadedAt = datetime(),
                s.rowsRead = toInteger($events), s.scored = false
SET s.lastLoadedAt = datetime()
RETURN received, scored
