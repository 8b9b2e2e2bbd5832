// Whether a batch of live events was received before, and whether its events were scored.
// @param $id   the batch's Source id
// @returns received, scored
OPTIONAL MATCH (s:Source {id: $id})
RETURN s IS NOT NULL AS received, coalesce(s.scored, false) AS scored
