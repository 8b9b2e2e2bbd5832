// Handsets that carried many SIMs (SIM boxes, burner phones cycling SIMs): how many SIMs, numbers
// and calls each carried, and over which period; most SIMs first.
// @param $minSims   fewest SIMs a handset must have carried to be listed
// @param $skip      rows to skip
// @param $limit     page size
// @returns device, sims, numbers, calls, first, last
MATCH (d:Device)<-[seen:SEEN_IN]-(s:SIM)
WITH d, count(s) AS sims, min(seen.first) AS first, max(seen.last) AS last
WHERE sims >= $minSims
ORDER BY sims DESC, d.id
SKIP $skip
LIMIT $limit
RETURN d.id AS device, sims,
       COUNT { MATCH (d)<-[:SEEN_IN]-(:SIM)-[:HAS_NUMBER]->(p:PhoneNumber) RETURN DISTINCT p } AS numbers,
       COUNT { (:Call)-[:VIA_DEVICE]->(d) } AS calls,
       first, last
