// One page of transfers for the analysis graph, in id order (keyset pagination), as rows of
// parallel lists: who paid whom, when (epoch milliseconds) and how much (minor units). Numbers come
// as floats (exact below 2^53), so they arrive without conversion. A transfer without both
// accounts or a time is counted for paging but not listed.
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
  MATCH (a:BankAccount)-[:SENT]->(t)-[:TO]->(b:BankAccount)
  WHERE a.id IS NOT NULL AND b.id IS NOT NULL AND t.time IS NOT NULL
  RETURN collect(a.id) AS from, collect(b.id) AS to, collect(toFloat(t.time.epochMillis)) AS at,
         collect(coalesce(toFloat(t.amountMinor), 0.0)) AS amountMinor
}
// Rows of at most 2,000 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(to) WHEN 0 THEN 0 ELSE size(to) - 1 END, 2000) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       from[slice..slice + 2000] AS from,
       to[slice..slice + 2000] AS to,
       at[slice..slice + 2000] AS at,
       amountMinor[slice..slice + 2000] AS amountMinor
