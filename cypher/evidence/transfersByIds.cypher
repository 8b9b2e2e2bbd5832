// Transfers by id with their source, for the money trail of an evidence bundle. With
// $organisation set (a partner), only transfers the partner supplied.
// @param $ids            transfer ids
// @param $organisation   the partner's organisation, or null for police users
// @returns id, from, to, at, offset, amountMinor, currency, channel, reference, recordId, sourceId, sourceLine, organisation, fileName
UNWIND $ids AS key
MATCH (a:BankAccount)-[:SENT]->(e:Transfer {id: key})-[:TO]->(b:BankAccount)
WHERE $organisation IS NULL OR e.sourceId STARTS WITH $organisation + ':'
OPTIONAL MATCH (s:Source {id: e.sourceId})
RETURN e.id AS id, a.id AS from, b.id AS to, e.time AS at, e.timeOffset AS offset,
       e.amountMinor AS amountMinor, e.currency AS currency, e.channel AS channel,
       e.reference AS reference, e.recordId AS recordId, e.sourceId AS sourceId,
       e.sourceLine AS sourceLine, s.organisation AS organisation, s.fileName AS fileName
