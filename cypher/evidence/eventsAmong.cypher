// The records that join identities of an evidence bundle, each with its source: transfers between
// its accounts, calls between its numbers, messages between its platform accounts, sightings of
// its SIMs in its handsets and with its numbers, logins of its platform accounts from its handsets
// and addresses. With $organisation set (a partner), only records the partner supplied. In time
// order, at most $limit + 1 rows (to tell whether more were left out).
// @param $accounts       bank account ids
// @param $numbers        phone numbers (E.164)
// @param $sims           SIM ids (IMSI)
// @param $devices        handset ids (IMEI)
// @param $handles        platform account ids
// @param $ips            IP addresses
// @param $organisation   the partner's organisation, or null for police users
// @param $limit          most records
// @returns kind, id, fromType, from, toType, to, at, offset, amountMinor, currency, durationSeconds, detail, recordId, sourceId, sourceLine, organisation, fileName
CALL () {
  UNWIND $accounts AS key
  MATCH (:BankAccount {id: key})-[:SENT]->(e:Transfer)-[:TO]->(b:BankAccount)
  WHERE b.id IN $accounts
  RETURN e, 'Transfer' AS kind, 'BankAccount' AS fromType, key AS from, 'BankAccount' AS toType,
         b.id AS to, e.time AS at, e.timeOffset AS offset
  UNION ALL
  UNWIND $numbers AS key
  MATCH (:PhoneNumber {id: key})-[:MADE]->(e:Call)-[:TO]->(b:PhoneNumber)
  WHERE b.id IN $numbers
  RETURN e, 'Call' AS kind, 'PhoneNumber' AS fromType, key AS from, 'PhoneNumber' AS toType,
         b.id AS to, e.start AS at, e.startOffset AS offset
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[:WROTE]->(e:Message)-[:TO]->(b:PlatformAccount)
  WHERE b.id IN $handles
  RETURN e, 'Message' AS kind, 'PlatformAccount' AS fromType, key AS from,
         'PlatformAccount' AS toType, b.id AS to, e.time AS at, e.timeOffset AS offset
  UNION ALL
  UNWIND $sims AS key
  MATCH (:SIM {id: key})-[:SIGHTED]->(e:Sighting)-[:IN_DEVICE]->(d:Device)
  WHERE d.id IN $devices
  RETURN e, 'Sighting' AS kind, 'SIM' AS fromType, key AS from, 'Device' AS toType,
         d.id AS to, e.time AS at, e.timeOffset AS offset
  UNION ALL
  UNWIND $sims AS key
  MATCH (:SIM {id: key})-[:SIGHTED]->(e:Sighting)-[:WITH_NUMBER]->(p:PhoneNumber)
  WHERE p.id IN $numbers
  RETURN e, 'Sighting' AS kind, 'SIM' AS fromType, key AS from, 'PhoneNumber' AS toType,
         p.id AS to, e.time AS at, e.timeOffset AS offset
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[:LOGGED_IN]->(e:Login)-[:FROM_DEVICE]->(d:Device)
  WHERE d.id IN $devices
  RETURN e, 'Login' AS kind, 'PlatformAccount' AS fromType, key AS from, 'Device' AS toType,
         d.id AS to, e.time AS at, e.timeOffset AS offset
  UNION ALL
  UNWIND $handles AS key
  MATCH (:PlatformAccount {id: key})-[:LOGGED_IN]->(e:Login)-[:FROM_IP]->(x:IPAddress)
  WHERE x.id IN $ips
  RETURN e, 'Login' AS kind, 'PlatformAccount' AS fromType, key AS from, 'IPAddress' AS toType,
         x.id AS to, e.time AS at, e.timeOffset AS offset
}
WITH e, kind, fromType, from, toType, to, at, offset
WHERE $organisation IS NULL OR e.sourceId STARTS WITH $organisation + ':'
OPTIONAL MATCH (s:Source {id: e.sourceId})
RETURN kind, e.id AS id, fromType, from, toType, to, at, offset,
       e.amountMinor AS amountMinor, e.currency AS currency,
       e.durationSeconds AS durationSeconds,
       coalesce(e.channel, e.kind, e.cell) AS detail, e.recordId AS recordId,
       e.sourceId AS sourceId, e.sourceLine AS sourceLine,
       s.organisation AS organisation, s.fileName AS fileName
ORDER BY at, id, to
LIMIT $limit + 1
