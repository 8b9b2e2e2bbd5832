// Records a batch of live events (received with receiveBatch) as scored: its alerts are stored.
// @param $id   the batch's Source id
MATCH (s:Source {id: $id})
SET s.scored = true
