// Who uses each phone number (as a bank or a report names them), their accounts, and their
// station: where they last reported a case, else the station of the area of their resident id.
// @param $numbers   phone number ids (E.164)
// @returns number, personId, name, accounts, stationId, stationName
UNWIND $numbers AS number
MATCH (p:Person)-[:USES_NUMBER]->(:PhoneNumber {id: number})
WITH number, p
ORDER BY p.id
WITH number, head(collect(p)) AS p
CALL (p) {
  OPTIONAL MATCH (p)-[:REPORTED]->(k:Case)-[:REPORTED_AT]->(st:Station)
  WITH st ORDER BY k.reportedAt DESC LIMIT 1
  RETURN st AS reportedAt
}
CALL (p) {
  OPTIONAL MATCH (st:Station)
  WHERE size(p.id) >= 6 AND st.id STARTS WITH substring(p.id, 0, 6)
  WITH st ORDER BY st.id LIMIT 1
  RETURN st AS ofArea
}
WITH number, p, coalesce(reportedAt, ofArea) AS st
RETURN number, p.id AS personId, p.name AS name,
       COLLECT { MATCH (p)-[:HOLDS]->(a:BankAccount) RETURN a.id ORDER BY a.id } AS accounts,
       st.id AS stationId, st.name AS stationName
