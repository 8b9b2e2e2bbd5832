// One identity by type and id. With $organisation set (a partner), only the partner's own bank
// accounts, numbers, SIMs and platform accounts are found; everything else stays invisible. A
// bank's accounts carry its bank code, a platform's its name; an operator's subscribers are the
// calling numbers and SIMs of its own calls and the numbers and SIMs of its own sightings (record
// ids `ORG:...`). Mentioning a number in any other way shows it to no one.
// @param $type           BankAccount | PhoneNumber | SIM | Device | PlatformAccount | IPAddress | Person | Case
// @param $id             the domain id
// @param $organisation   the partner's organisation, or null for police users
// @returns type, entity
MATCH (n:BankAccount {id: $id})
WHERE $type = 'BankAccount' AND ($organisation IS NULL OR n.bank = $organisation)
RETURN 'BankAccount' AS type, n AS entity
UNION ALL
MATCH (n:PhoneNumber {id: $id})
WHERE $type = 'PhoneNumber' AND ($organisation IS NULL
  OR EXISTS { (n)-[:MADE]->(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
  OR EXISTS { (n)<-[:WITH_NUMBER]-(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' })
RETURN 'PhoneNumber' AS type, n AS entity
UNION ALL
MATCH (n:SIM {id: $id})
WHERE $type = 'SIM' AND ($organisation IS NULL
  OR EXISTS { (n)<-[:VIA_SIM]-(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
  OR EXISTS { (n)-[:SIGHTED]->(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' })
RETURN 'SIM' AS type, n AS entity
UNION ALL
MATCH (n:PlatformAccount {id: $id})
WHERE $type = 'PlatformAccount' AND ($organisation IS NULL OR n.platform = $organisation)
RETURN 'PlatformAccount' AS type, n AS entity
UNION ALL
MATCH (n:Device {id: $id})
WHERE $type = 'Device' AND $organisation IS NULL
RETURN 'Device' AS type, n AS entity
UNION ALL
MATCH (n:IPAddress {id: $id})
WHERE $type = 'IPAddress' AND $organisation IS NULL
RETURN 'IPAddress' AS type, n AS entity
UNION ALL
MATCH (n:Person {id: $id})
WHERE $type = 'Person' AND $organisation IS NULL
RETURN 'Person' AS type, n AS entity
UNION ALL
MATCH (n:Case {id: $id})
WHERE $type = 'Case' AND $organisation IS NULL
RETURN 'Case' AS type, n AS entity
