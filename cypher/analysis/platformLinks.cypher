// One page of platform accounts (keyset pagination) with what links them to others: the number,
// handset and address they were registered with, the handsets and addresses they logged in from,
// and the accounts they wrote to: [relationship, target type, target, count] per link.
// @param $after   the last platform account id of the previous page ('' for the first page)
// @param $limit   accounts per page
// @returns source, links
MATCH (a:PlatformAccount)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[r:REGISTERED_WITH|REGISTERED_FROM|USED_DEVICE|USED_IP|MESSAGED]->(x)
RETURN a.id AS source,
       [l IN collect([
          type(r),
          CASE WHEN x:PhoneNumber THEN 'PhoneNumber' WHEN x:Device THEN 'Device'
               WHEN x:IPAddress THEN 'IPAddress' ELSE 'PlatformAccount' END,
          x.id,
          coalesce(r.count, 1)
        ]) WHERE l[2] IS NOT NULL] AS links
