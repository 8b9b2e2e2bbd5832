// Records a batch of live events as scored (its alerts are stored).
// @param $id             the batch's Source id
// @param $organisation   who sent it
// @param $events         how many events it held
// @param $scored         whether its events were scored
MERGE (s:Source {id: $id})
  ON CREATE SET s.organisation = $organisation, s.kind = 'live-events',
                s.fileName = 'POST /api/events', s.firstLoadedAt = datetime(),
                s.rowsRead = toInteger($events)
SET s.lastLoadedAt = datetime(), s.scored = $scored
