// The domain ids of nodes given by their references (as the analysis reads return them), as rows
// of parallel lists; a reference whose node is gone is left out.
// @param $refs   node references (numbers)
// @returns refs, ids
UNWIND $refs AS ref
MATCH (n)
WHERE id(n) = toInteger(ref)
WITH collect(toFloat(id(n))) AS refs, collect(n.id) AS ids
// Rows of at most 500 nodes each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(refs) WHEN 0 THEN 0 ELSE size(refs) - 1 END, 500) AS slice
RETURN refs[slice..slice + 500] AS refs, ids[slice..slice + 500] AS ids
