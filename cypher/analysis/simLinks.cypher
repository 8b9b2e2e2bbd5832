// One page of SIMs (keyset pagination) with the handsets each was seen in and the numbers it
// carried within the window (matched on first and last sighting), as rows of parallel lists:
// SIM, target type ('Device' or 'PhoneNumber') and target per link (node references).
// @param $after   the last IMSI of the previous page ('' for the first page)
// @param $limit   SIMs per page
// @param $from    ISO-8601 start of the window, or null
// @param $to      ISO-8601 end of the window, or null
// @returns count, last, sources, types, targets
MATCH (s:SIM)
WHERE s.id > $after
WITH s
ORDER BY s.id
LIMIT $limit
WITH collect(s) AS page
CALL (page) {
  UNWIND page AS s
  MATCH (s)-[r:SEEN_IN|HAS_NUMBER]->(x)
  WHERE ($from IS NULL OR r.last >= datetime($from)) AND ($to IS NULL OR r.first < datetime($to))
  RETURN collect(toFloat(id(s))) AS sources,
         collect(CASE type(r) WHEN 'SEEN_IN' THEN 'Device' ELSE 'PhoneNumber' END) AS types,
         collect(toFloat(id(x))) AS targets
}
// Rows of at most 500 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 500) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 500] AS sources,
       types[slice..slice + 500] AS types,
       targets[slice..slice + 500] AS targets
