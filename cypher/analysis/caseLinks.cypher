// One page of victims' reports (keyset pagination on the case number): the case's node
// reference, when it was reported, at which station, and the numbers, bank accounts and platform
// accounts it names, as parallel lists of types and node references.
// @param $after   the last case number of the previous page ('' for the first page)
// @param $limit   cases per page
// @returns id, source, reportedAt, station, namedTypes, named
MATCH (k:Case)
WHERE k.id > $after
WITH k
ORDER BY k.id
LIMIT $limit
WITH k,
     COLLECT {
       MATCH (k)-[:NAMES]->(x)
       RETURN [CASE WHEN x:PhoneNumber THEN 'PhoneNumber' WHEN x:BankAccount THEN 'BankAccount'
                    ELSE 'PlatformAccount' END, toFloat(id(x))]
     } AS pairs
RETURN k.id AS id, toFloat(id(k)) AS source, k.reportedAt.epochMillis AS reportedAt,
       COLLECT { MATCH (k)-[:REPORTED_AT]->(s:Station) RETURN s.id }[0] AS station,
       [pair IN pairs | pair[0]] AS namedTypes, [pair IN pairs | pair[1]] AS named
