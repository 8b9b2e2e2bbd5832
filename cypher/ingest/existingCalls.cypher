// Which of these call ids are already in the graph (they are skipped as duplicates).
// @param $ids   call ids of one batch
// @returns ids
UNWIND $ids AS id
MATCH (c:Call {id: id})
RETURN collect(id) AS ids
