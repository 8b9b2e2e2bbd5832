// One page of phone numbers (keyset pagination on the number) with the numbers each called within
// the window: [callee, calls, seconds] per callee. Windows are matched on the CALLED aggregate's
// first and last call.
// @param $after   the last number of the previous page ('' for the first page)
// @param $limit   numbers per page
// @param $from    ISO-8601 start of the window, or null
// @param $to      ISO-8601 end of the window, or null
// @returns source, links
MATCH (a:PhoneNumber)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[r:CALLED]->(b:PhoneNumber)
WHERE ($from IS NULL OR r.last >= datetime($from)) AND ($to IS NULL OR r.first < datetime($to))
RETURN a.id AS source,
       [x IN collect([b.id, r.count, r.totalSeconds]) WHERE x[0] IS NOT NULL] AS links
