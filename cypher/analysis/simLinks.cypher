// One page of SIMs (keyset pagination) with the handsets each was seen in and the numbers it
// carried: [type, target, count] per link, within the window (matched on first and last sighting).
// @param $after   the last IMSI of the previous page ('' for the first page)
// @param $limit   SIMs per page
// @param $from    ISO-8601 start of the window, or null
// @param $to      ISO-8601 end of the window, or null
// @returns source, links
MATCH (s:SIM)
WHERE s.id > $after
WITH s
ORDER BY s.id
LIMIT $limit
OPTIONAL MATCH (s)-[r:SEEN_IN|HAS_NUMBER]->(x)
WHERE ($from IS NULL OR r.last >= datetime($from)) AND ($to IS NULL OR r.first < datetime($to))
RETURN s.id AS source,
       [l IN collect([CASE type(r) WHEN 'SEEN_IN' THEN 'Device' ELSE 'PhoneNumber' END, x.id, r.count])
        WHERE l[1] IS NOT NULL] AS links
