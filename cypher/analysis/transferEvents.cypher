// One page of transfers for the analysis graph, in id order (keyset pagination), as rows of
// parallel lists: who paid whom (the accounts' node references), when (epoch milliseconds) and how
// much (minor units). Numbers come as floats (exact below 2^53), so they arrive without conversion.
// A transfer without both accounts or a time is counted for paging but not listed. Only bank
// accounts send and receive transfers, so their labels are not checked.
// @param $after   the last transfer id of the previous page ('' for the first page)
// @param $limit   transfers per page
// @returns count, last, from, to, at, amountMinor
MATCH (t:Transfer)
WHERE t.id > $after
WITH t
ORDER BY t.id
LIMIT $limit
WITH collect(t) AS page
CALL (page) {
  UNWIND page AS t
  MATCH (a)-[:SENT]->(t)-[:TO]->(b)
  WHERE t.time IS NOT NULL
  RETURN collect(toFloat(id(a))) AS from, collect(toFloat(id(b))) AS to, collect(toFloat(t.time.epochMillis)) AS at,
         collect(coalesce(toFloat(t.amountMinor), 0.0)) AS amountMinor
}
// Rows of at most 500 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(to) WHEN 0 THEN 0 ELSE size(to) - 1 END, 500) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       from[slice..slice + 500] AS from,
       to[slice..slice + 500] AS to,
       at[slice..slice + 500] AS at,
       amountMinor[slice..slice + 500] AS amountMinor
