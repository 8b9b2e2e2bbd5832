// Writes a batch of ring memberships: each ring linked to its member entities with the role, the
// score and the reasons. Each member is looked up by its own label's id index only (the branches
// of other types see no rows).
// @param $members   memberships {ring, type, id, role, score, reasons}
// @returns written
UNWIND $members AS m
MATCH (g:Ring {id: m.ring})
CALL (m) {
  UNWIND CASE m.type WHEN 'Person' THEN [m.id] ELSE [] END AS id
  MATCH (x:Person {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'PhoneNumber' THEN [m.id] ELSE [] END AS id
  MATCH (x:PhoneNumber {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'SIM' THEN [m.id] ELSE [] END AS id
  MATCH (x:SIM {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'Device' THEN [m.id] ELSE [] END AS id
  MATCH (x:Device {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'BankAccount' THEN [m.id] ELSE [] END AS id
  MATCH (x:BankAccount {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'PlatformAccount' THEN [m.id] ELSE [] END AS id
  MATCH (x:PlatformAccount {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'IPAddress' THEN [m.id] ELSE [] END AS id
  MATCH (x:IPAddress {id: id})
  RETURN x
  UNION
  UNWIND CASE m.type WHEN 'Case' THEN [m.id] ELSE [] END AS id
  MATCH (x:Case {id: id})
  RETURN x
}
CREATE (g)-[:HAS_MEMBER {
  entity: m.type + ':' + m.id, role: m.role, score: m.score, reasons: m.reasons
}]->(x)
RETURN count(*) AS written
