// Money paid into a ring: transfers into its members' bank accounts from accounts outside the
// ring whose holders are not members, with the case each payer reported, if any.
// @param $ring    the ring id
// @param $limit   most payments answered
// @returns caseId, victimId, victimName, transferId, from, amountMinor, currency
MATCH (g:Ring {id: $ring})-[:HAS_MEMBER]->(m:BankAccount)
WITH g, collect(m) AS accounts
UNWIND accounts AS m
MATCH (f:BankAccount)-[:SENT]->(t:Transfer)-[:TO]->(m)
WHERE NOT f IN accounts
OPTIONAL MATCH (v:Person)-[:HOLDS]->(f)
WITH g, f, t, v
WHERE v IS NULL OR NOT EXISTS { (g)-[:HAS_MEMBER]->(v) }
RETURN head(COLLECT { MATCH (v)-[:REPORTED]->(k:Case) RETURN k.id ORDER BY k.reportedAt }) AS caseId,
       v.id AS victimId, v.name AS victimName, t.id AS transferId, f.id AS from,
       t.amountMinor AS amountMinor, t.currency AS currency
ORDER BY t.time
LIMIT $limit
