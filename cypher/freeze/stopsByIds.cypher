// Stops by id, in the order given, with their account's number and holder and the money each
// secured, victim payment by victim payment (with the victim and the case they reported, if any).
// @param $ids   stop ids
// @returns stop
UNWIND range(0, size($ids) - 1) AS i
MATCH (s:StopRequest {id: $ids[i]})-[:STOP_ON]->(a:BankAccount)
CALL (a) {
  OPTIONAL MATCH (p:Person)-[:HOLDS]->(a)
  WITH p ORDER BY p.id LIMIT 1
  RETURN p.name AS holderName
}
CALL (s) {
  OPTIONAL MATCH (s)-[r:SECURES]->(t:Transfer)
  CALL (t) {
    OPTIONAL MATCH (v:Person)-[:HOLDS]->(:BankAccount)-[:SENT]->(t)
    WITH v ORDER BY v.id LIMIT 1
    RETURN v
  }
  CALL (v, t) {
    OPTIONAL MATCH (v)-[:REPORTED]->(k:Case)
    WITH k
    ORDER BY EXISTS { (k)-[:NAMES]->(:BankAccount)<-[:TO]-(t) } DESC, k.reportedAt
    LIMIT 1
    RETURN k.id AS caseId
  }
  WITH r, t, v, caseId ORDER BY t.id
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE {
    transferId: t.id, amountMinor: r.amountMinor, victimId: v.id, victimName: v.name,
    caseId: caseId
  } END) AS secured
}
WITH i, s {.*, accountNumber: a.number, holderName: holderName, secured: secured} AS stop
ORDER BY i
RETURN stop
