// One page of platform accounts (keyset pagination) with what links them to others: the number,
// handset and address they were registered with, the handsets and addresses they logged in from,
// and the accounts they wrote to, as rows of parallel lists: account, link kind, target (node
// references) and count per link. Link kinds are numbers (far cheaper to read than strings):
// 1 registered with a number, 2 registered from a handset, 3 registered from an address,
// 4 logged in from a handset, 5 logged in from an address, 6 wrote to an account.
// @param $after   the last platform account id of the previous page ('' for the first page)
// @param $limit   accounts per page
// @returns count, last, sources, links, targets, counts
MATCH (a:PlatformAccount)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
WITH collect(a) AS page
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[r:REGISTERED_WITH|REGISTERED_FROM|USED_DEVICE|USED_IP|MESSAGED]->(x)
  // The relationship type gives the target's label, but for REGISTERED_FROM; only MESSAGED's count
  // is used (reading a relationship property costs as much as the rest of the row).
  WITH a, r, x, type(r) AS relationship
  RETURN collect(toFloat(id(a))) AS sources,
         collect(CASE relationship
                   WHEN 'REGISTERED_WITH' THEN 1.0
                   WHEN 'USED_DEVICE' THEN 4.0
                   WHEN 'USED_IP' THEN 5.0
                   WHEN 'MESSAGED' THEN 6.0
                   ELSE CASE WHEN x:Device THEN 2.0 ELSE 3.0 END
                 END) AS links,
         collect(toFloat(id(x))) AS targets,
         collect(CASE relationship WHEN 'MESSAGED' THEN coalesce(toFloat(r.count), 1.0) ELSE 1.0 END)
           AS counts
}
// Rows of at most 500 links each: the driver reads many small records far faster than one huge
// one.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 500) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       sources[slice..slice + 500] AS sources,
       links[slice..slice + 500] AS links,
       targets[slice..slice + 500] AS targets,
       counts[slice..slice + 500] AS counts
