// Who holds each bank account, their numbers and their other accounts, and their station: where
// they last reported a case, else the station of the area of their resident id number.
// @param $accounts   bank account ids
// @returns account, personId, name, phones, accounts, stationId, stationName
UNWIND $accounts AS account
MATCH (p:Person)-[:HOLDS]->(:BankAccount {id: account})
WITH account, p
ORDER BY p.id
WITH account, head(collect(p)) AS p
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
WITH account, p, coalesce(reportedAt, ofArea) AS st
RETURN account, p.id AS personId, p.name AS name,
       COLLECT { MATCH (p)-[:USES_NUMBER]->(n:PhoneNumber) RETURN n.id ORDER BY n.id } AS phones,
       COLLECT { MATCH (p)-[:HOLDS]->(a:BankAccount) RETURN a.id ORDER BY a.id } AS accounts,
       st.id AS stationId, st.name AS stationName
