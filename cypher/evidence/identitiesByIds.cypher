// The identities of an evidence bundle, read again by type and id. With $organisation set (a
// partner), only the partner's own bank accounts, numbers, SIMs and platform accounts are found,
// by the same rule as entities/entityById; people, handsets, addresses and cases stay invisible.
// @param $accounts       bank account ids
// @param $numbers        phone numbers (E.164)
// @param $sims           SIM ids (IMSI)
// @param $devices        handset ids (IMEI)
// @param $handles        platform account ids
// @param $ips            IP addresses
// @param $people         person ids
// @param $cases          case numbers
// @param $organisation   the partner's organisation, or null for police users
// @returns type, id, labels, properties
UNWIND $accounts AS key
MATCH (n:BankAccount {id: key})
WHERE $organisation IS NULL OR n.bank = $organisation
RETURN 'BankAccount' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $numbers AS key
MATCH (n:PhoneNumber {id: key})
WHERE $organisation IS NULL
  OR EXISTS { (n)-[:MADE]->(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
  OR EXISTS { (n)<-[:WITH_NUMBER]-(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' }
RETURN 'PhoneNumber' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $sims AS key
MATCH (n:SIM {id: key})
WHERE $organisation IS NULL
  OR EXISTS { (n)<-[:VIA_SIM]-(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
  OR EXISTS { (n)-[:SIGHTED]->(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' }
RETURN 'SIM' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $handles AS key
MATCH (n:PlatformAccount {id: key})
WHERE $organisation IS NULL OR n.platform = $organisation
RETURN 'PlatformAccount' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $devices AS key
MATCH (n:Device {id: key})
WHERE $organisation IS NULL
RETURN 'Device' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $ips AS key
MATCH (n:IPAddress {id: key})
WHERE $organisation IS NULL
RETURN 'IPAddress' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $people AS key
MATCH (n:Person {id: key})
WHERE $organisation IS NULL
RETURN 'Person' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
UNION ALL
UNWIND $cases AS key
MATCH (n:Case {id: key})
WHERE $organisation IS NULL
RETURN 'Case' AS type, n.id AS id, labels(n) AS labels, properties(n) AS properties
