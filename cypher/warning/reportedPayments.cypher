// A reported case's payments: the victim's transfers into the accounts the report names, and the
// station the case was reported at.
// @param $cases   case ids
// @returns caseId, stationId, stationName, victimId, transfers
UNWIND $cases AS caseId
MATCH (k:Case {id: caseId})
OPTIONAL MATCH (k)-[:REPORTED_AT]->(st:Station)
OPTIONAL MATCH (v:Person)-[:REPORTED]->(k)
RETURN caseId, st.id AS stationId, st.name AS stationName, v.id AS victimId,
       COLLECT {
         MATCH (v)-[:HOLDS]->(:BankAccount)-[:SENT]->(t:Transfer)-[:TO]->(b:BankAccount)<-[:NAMES]-(k)
         RETURN t.id
         ORDER BY t.time
         LIMIT 50
       } AS transfers
