// One page of victims' reports (keyset pagination on the case number): when each was reported,
// at which station, and the numbers, bank accounts and platform accounts it names, as 'Type:id'.
// @param $after   the last case number of the previous page ('' for the first page)
// @param $limit   cases per page
// @returns source, reportedAt, station, named
MATCH (k:Case)
WHERE k.id > $after
WITH k
ORDER BY k.id
LIMIT $limit
RETURN k.id AS source, k.reportedAt.epochMillis AS reportedAt,
       COLLECT { MATCH (k)-[:REPORTED_AT]->(s:Station) RETURN s.id }[0] AS station,
       COLLECT {
         MATCH (k)-[:NAMES]->(x)
         RETURN CASE WHEN x:PhoneNumber THEN 'PhoneNumber' WHEN x:BankAccount THEN 'BankAccount'
                     ELSE 'PlatformAccount' END + ':' + x.id
       } AS named
