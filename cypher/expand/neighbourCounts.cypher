// How many neighbours an entity has, by relationship type, direction and neighbour kind: the
// first step of a guarded expansion, before any neighbour is fetched.
// @param $id   the entity's domain id
// @param $type the entity's label, from the closed list of entity types
// @returns relationship, outgoing, neighbourType, count
CALL () {
  MATCH (n:BankAccount {id: $id}) WHERE $type = 'BankAccount' RETURN n
  UNION ALL
  MATCH (n:PhoneNumber {id: $id}) WHERE $type = 'PhoneNumber' RETURN n
  UNION ALL
  MATCH (n:SIM {id: $id}) WHERE $type = 'SIM' RETURN n
  UNION ALL
  MATCH (n:Device {id: $id}) WHERE $type = 'Device' RETURN n
  UNION ALL
  MATCH (n:PlatformAccount {id: $id}) WHERE $type = 'PlatformAccount' RETURN n
  UNION ALL
  MATCH (n:IPAddress {id: $id}) WHERE $type = 'IPAddress' RETURN n
  UNION ALL
  MATCH (n:Person {id: $id}) WHERE $type = 'Person' RETURN n
  UNION ALL
  MATCH (n:Case {id: $id}) WHERE $type = 'Case' RETURN n
}
MATCH (n)-[r]-(m)
RETURN type(r) AS relationship, startNode(r) = n AS outgoing, labels(m)[0] AS neighbourType,
       count(*) AS count
ORDER BY count DESC, relationship, neighbourType
