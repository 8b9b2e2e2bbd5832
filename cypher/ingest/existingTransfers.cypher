// Which of these transfer ids are already in the graph (they are skipped as duplicates).
// @param $ids   transfer ids of one batch
// @returns ids
UNWIND $ids AS id
MATCH (t:Transfer {id: id})
RETURN collect(id) AS ids
