// Reported cases' payments: each victim's transfers into the accounts their report names.
// @param $cases   case ids
// @param $limit   most payments answered
// @returns caseId, victimId, victimName, transferId, from, amountMinor, currency
UNWIND $cases AS caseId
MATCH (v:Person)-[:REPORTED]->(k:Case {id: caseId})
MATCH (v)-[:HOLDS]->(f:BankAccount)-[:SENT]->(t:Transfer)-[:TO]->(:BankAccount)<-[:NAMES]-(k)
RETURN caseId, v.id AS victimId, v.name AS victimName, t.id AS transferId, f.id AS from,
       t.amountMinor AS amountMinor, t.currency AS currency
ORDER BY caseId, t.time
LIMIT $limit
