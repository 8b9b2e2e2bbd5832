// One page of phone numbers (keyset pagination on the number) with the numbers each called within
// the window, as rows of parallel lists: caller, callee (node references), calls per link and their
// seconds in all.
// Windows are matched on the CALLED aggregate's first and last call. CALLED only joins numbers,
// so labels are not checked.
// @param $after   the last number of the previous page ('' for the first page)
// @param $limit   numbers per page
// @param $from    ISO-8601 start of the window, or null
// @param $to      ISO-8601 end of the window, or null
// @returns count, last, sources, targets, counts, seconds
MATCH (a:PhoneNumber)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
WITH collect(a) AS page
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[r:CALLED]->(b)
  WHERE ($from IS NULL OR r.last >= datetime($from)) AND ($to IS NULL OR r.first < datetime($to))
  RETURN collect(toFloat(id(a))) AS sources, collect(toFloat(id(b))) AS targets,
         collect(coalesce(toFloat(r.count), 0.0)) AS counts,
         collect(coalesce(toFloat(r.totalSeconds), 0.0)) AS seconds
}
// Rows of at most 500 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 500) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 500] AS sources,
       targets[slice..slice + 500] AS targets,
       counts[slice..slice + 500] AS counts,
       seconds[slice..slice + 500] AS seconds
