// Numbers, bank accounts and platform accounts named in several victims' reports, with the cases
// and the stations they were reported at; with $minStations 2, only those linking cases of
// different stations (a mule account shared across stations).
// @param $minCases      fewest cases naming the entity
// @param $minStations   fewest distinct stations among those cases
// @param $skip          rows to skip
// @param $limit         page size
// @returns type, id, cases, stations, lossMinor
MATCH (c:Case)-[:NAMES]->(n)
OPTIONAL MATCH (c)-[:REPORTED_AT]->(s:Station)
WITH n, collect(DISTINCT c.id) AS cases, collect(DISTINCT s.id) AS stations,
     sum(c.lossMinor) AS lossMinor
WHERE size(cases) >= $minCases AND size(stations) >= $minStations
ORDER BY size(cases) DESC, size(stations) DESC, n.id
SKIP $skip
LIMIT $limit
RETURN labels(n)[0] AS type, n.id AS id, cases, stations, lossMinor
