// Identities tied to ring members through a handset, a SIM or a shared registration: SIMs seen in
// a ring handset (with their numbers), handsets a ring SIM was seen in, and platform accounts
// registered from a ring handset, address or number.
// @param $devices   ids of the ring members' handsets
// @param $sims      ids of the ring members' SIMs
// @param $numbers   ids of the ring members' numbers
// @param $ips       ids of the ring members' IP addresses
// @returns type, id, via, viaType
CALL () {
  UNWIND $devices AS device
  MATCH (s:SIM)-[:SEEN_IN]->(:Device {id: device})
  RETURN 'SIM' AS type, s.id AS id, device AS via, 'Device' AS viaType
  UNION
  UNWIND $devices AS device
  MATCH (n:PhoneNumber)<-[:HAS_NUMBER]-(:SIM)-[:SEEN_IN]->(:Device {id: device})
  RETURN 'PhoneNumber' AS type, n.id AS id, device AS via, 'Device' AS viaType
  UNION
  UNWIND $sims AS sim
  MATCH (:SIM {id: sim})-[:SEEN_IN]->(d:Device)
  RETURN 'Device' AS type, d.id AS id, sim AS via, 'SIM' AS viaType
  UNION
  UNWIND $devices AS device
  MATCH (a:PlatformAccount)-[:REGISTERED_FROM]->(:Device {id: device})
  RETURN 'PlatformAccount' AS type, a.id AS id, device AS via, 'Device' AS viaType
  UNION
  UNWIND $ips AS ip
  MATCH (a:PlatformAccount)-[:REGISTERED_FROM]->(:IPAddress {id: ip})
  RETURN 'PlatformAccount' AS type, a.id AS id, ip AS via, 'IPAddress' AS viaType
  UNION
  UNWIND $numbers AS number
  MATCH (a:PlatformAccount)-[:REGISTERED_WITH]->(:PhoneNumber {id: number})
  RETURN 'PlatformAccount' AS type, a.id AS id, number AS via, 'PhoneNumber' AS viaType
}
RETURN type, id, via, viaType
LIMIT 100000
