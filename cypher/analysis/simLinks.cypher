// One page of SIMs (keyset pagination) with the handsets each was seen in and the numbers it
// carried within the window (matched on first and last sighting), as rows of parallel lists:
// SIM, target type ('Device' or 'PhoneNumber') and target per link.
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
    AND x.id IS NOT NULL
  RETURN collect(s.id) AS sources,
         collect(CASE type(r) WHEN 'SEEN_IN' THEN 'Device' ELSE 'PhoneNumber' END) AS types,
         collect(x.id) AS targets
}
// Rows of at most 2,000 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 2000) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 2000] AS sources,
       types[slice..slice + 2000] AS types,
       targets[slice..slice + 2000] AS targets
