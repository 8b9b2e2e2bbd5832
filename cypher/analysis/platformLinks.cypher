// One page of platform accounts (keyset pagination) with what links them to others: the number,
// handset and address they were registered with, the handsets and addresses they logged in from,
// and the accounts they wrote to, as rows of parallel lists: account, relationship, target
// type, target and count per link.
// @param $after   the last platform account id of the previous page ('' for the first page)
// @param $limit   accounts per page
// @returns count, last, sources, relationships, types, targets, counts
MATCH (a:PlatformAccount)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
WITH collect(a) AS page
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[r:REGISTERED_WITH|REGISTERED_FROM|USED_DEVICE|USED_IP|MESSAGED]->(x)
  WHERE x.id IS NOT NULL
  RETURN collect(a.id) AS sources, collect(type(r)) AS relationships,
         collect(CASE WHEN x:PhoneNumber THEN 'PhoneNumber' WHEN x:Device THEN 'Device'
                      WHEN x:IPAddress THEN 'IPAddress' ELSE 'PlatformAccount' END) AS types,
         collect(x.id) AS targets, collect(coalesce(toFloat(r.count), 1.0)) AS counts
}
// Rows of at most 2,000 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 2000) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 2000] AS sources,
       relationships[slice..slice + 2000] AS relationships,
       types[slice..slice + 2000] AS types,
       targets[slice..slice + 2000] AS targets,
       counts[slice..slice + 2000] AS counts
