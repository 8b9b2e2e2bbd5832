// The links a record states between identities of an evidence bundle (who holds an account, uses
// a number, registered a platform account; who reported a case and what it names), each with its
// source. With $organisation set (a partner), only links the partner supplied.
// @param $accounts       bank account ids
// @param $numbers        phone numbers (E.164)
// @param $devices        handset ids (IMEI)
// @param $handles        platform account ids
// @param $ips            IP addresses
// @param $people         person ids
// @param $cases          case numbers
// @param $organisation   the partner's organisation, or null for police users
// @returns type, fromType, from, toType, to, sourceId, sourceLine, organisation, fileName
CALL () {
  UNWIND $people AS key
  MATCH (:Person {id: key})-[r:HOLDS]->(b:BankAccount)
  WHERE b.id IN $accounts
  RETURN r, 'HOLDS' AS type, 'Person' AS fromType, key AS from, 'BankAccount' AS toType, b.id AS to
  UNION ALL
  UNWIND $people AS key
  MATCH (:Person {id: key})-[r:USES_NUMBER]->(b:PhoneNumber)
  WHERE b.id IN $numbers
  RETURN r, 'USES_NUMBER' AS type, 'Person' AS fromType, key AS from, 'PhoneNumber' AS toType,
         b.id AS to
  UNION ALL
  UNWIND $people AS key
  MATCH (:Person {id: key})-[r:REPORTED]->(b:Case)
  WHERE b.id IN $cases
  RETURN r, 'REPORTED' AS type, 'Person' AS fromType, key AS from, 'Case' AS toType, b.id AS to
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[r:REGISTERED_WITH]->(b:PhoneNumber)
  WHERE b.id IN $numbers
  RETURN r, 'REGISTERED_WITH' AS type, 'PlatformAccount' AS fromType, key AS from,
         'PhoneNumber' AS toType, b.id AS to
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[r:REGISTERED_FROM]->(b:Device)
  WHERE b.id IN $devices
  RETURN r, 'REGISTERED_FROM' AS type, 'PlatformAccount' AS fromType, key AS from,
         'Device' AS toType, b.id AS to
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[r:REGISTERED_FROM]->(b:IPAddress)
  WHERE b.id IN $ips
  RETURN r, 'REGISTERED_FROM' AS type, 'PlatformAccount' AS fromType, key AS from,
         'IPAddress' AS toType, b.id AS to
  UNION ALL
  UNWIND $cases AS key
  MATCH (:Case {id: key})-[r:NAMES]->(b:PhoneNumber)
  WHERE b.id IN $numbers
  RETURN r, 'NAMES' AS type, 'Case' AS fromType, key AS from, 'PhoneNumber' AS toType, b.id AS to
  UNION ALL
  UNWIND $cases AS key
  MATCH (:Case {id: key})-[r:NAMES]->(b:BankAccount)
  WHERE b.id IN $accounts
  RETURN r, 'NAMES' AS type, 'Case' AS fromType, key AS from, 'BankAccount' AS toType, b.id AS to
  UNION ALL
  UNWIND $cases AS key
  MATCH (:Case {id: key})-[r:NAMES]->(b:PlatformAccount)
  WHERE b.id IN $handles
  RETURN r, 'NAMES' AS type, 'Case' AS fromType, key AS from, 'PlatformAccount' AS toType,
         b.id AS to
}
WITH r, type, fromType, from, toType, to
WHERE $organisation IS NULL OR r.sourceId STARTS WITH $organisation + ':'
OPTIONAL MATCH (s:Source {id: r.sourceId})
RETURN type, fromType, from, toType, to, r.sourceId AS sourceId, r.sourceLine AS sourceLine,
       s.organisation AS organisation, s.fileName AS fileName
ORDER BY type, from, to
