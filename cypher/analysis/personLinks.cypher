// One page of people (keyset pagination on the id) with the bank accounts they hold and the
// numbers they use, as rows of parallel lists: person, target type ('BankAccount' or
// 'PhoneNumber') and target per link (node references); and the people of the page who reported
// as victims.
// @param $after   the last person id of the previous page ('' for the first page)
// @param $limit   people per page
// @returns count, last, victims, sources, types, targets
MATCH (p:Person)
WHERE p.id > $after
WITH p
ORDER BY p.id
LIMIT $limit
WITH collect(p) AS page
CALL (page) {
  UNWIND page AS p
  MATCH (p)-[r:HOLDS|USES_NUMBER]->(x:BankAccount|PhoneNumber)
  RETURN collect(toFloat(id(p))) AS sources,
         collect(CASE type(r) WHEN 'HOLDS' THEN 'BankAccount' ELSE 'PhoneNumber' END) AS types,
         collect(toFloat(id(x))) AS targets
}
// Rows of at most 500 links each: the driver reads many small records far faster than one huge
// one. The victims come with the first row.
UNWIND range(0, CASE size(targets) WHEN 0 THEN 0 ELSE size(targets) - 1 END, 500) AS slice
RETURN size(page) AS count, page[-1].id AS last,
       CASE slice WHEN 0 THEN [p IN page WHERE p:Victim | toFloat(id(p))] ELSE [] END AS victims,
       sources[slice..slice + 500] AS sources,
       types[slice..slice + 500] AS types,
       targets[slice..slice + 500] AS targets
