// One page of phone numbers (keyset pagination on the number) with the numbers each called within
// the window, as rows of parallel lists: caller, callee and calls per link. Windows are matched
// on the CALLED aggregate's first and last call.
// @param $after   the last number of the previous page ('' for the first page)
// @param $limit   numbers per page
// @param $from    ISO-8601 start of the window, or null
// @param $to      ISO-8601 end of the window, or null
// @returns count, last, sources, targets, counts
MATCH (a:PhoneNumber)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
WITH collect(a) AS page
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[r:CALLED]->(b:PhoneNumber)
  WHERE ($from IS NULL OR r.last >= datetime($from)) AND ($to IS NULL OR r.first < datetime($to))
    AND b.id IS NOT NULL
  RETURN collect(a.id) AS sources, collect(b.id) AS targets,
         collect(coalesce(toFloat(r.count), 0.0)) AS counts
}
// Rows of at most 2,000 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 2000) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 2000] AS sources,
       targets[slice..slice + 2000] AS targets,
       counts[slice..slice + 2000] AS counts
