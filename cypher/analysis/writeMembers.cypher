// Writes a batch of ring memberships: each ring linked to its member entities with the role, the
// score and the reasons.
// @param $members   memberships {ring, type, id, role, score, reasons}
// @returns written
UNWIND $members AS m
MATCH (g:Ring {id: m.ring})
CALL (m) {
  MATCH (x:Person {id: m.id}) WHERE m.type = 'Person' RETURN x
  UNION
  MATCH (x:PhoneNumber {id: m.id}) WHERE m.type = 'PhoneNumber' RETURN x
  UNION
  MATCH (x:SIM {id: m.id}) WHERE m.type = 'SIM' RETURN x
  UNION
  MATCH (x:Device {id: m.id}) WHERE m.type = 'Device' RETURN x
  UNION
  MATCH (x:BankAccount {id: m.id}) WHERE m.type = 'BankAccount' RETURN x
  UNION
  MATCH (x:PlatformAccount {id: m.id}) WHERE m.type = 'PlatformAccount' RETURN x
  UNION
  MATCH (x:IPAddress {id: m.id}) WHERE m.type = 'IPAddress' RETURN x
  UNION
  MATCH (x:Case {id: m.id}) WHERE m.type = 'Case' RETURN x
}
CREATE (g)-[:HAS_MEMBER {
  entity: m.type + ':' + m.id, role: m.role, score: m.score, reasons: m.reasons
}]->(x)
RETURN count(*) AS written
