// Money secured by holds still in force (held or frozen) out of victim payments.
// @param $transfers   victim payment (transfer) ids
// @returns transferId, stopId, account, status, amountMinor, currency
UNWIND $transfers AS id
MATCH (s:StopRequest)-[r:SECURES]->(t:Transfer {id: id})
WHERE s.status IN ['held', 'frozen']
RETURN id AS transferId, s.id AS stopId, s.accountId AS account, s.status AS status,
       r.amountMinor AS amountMinor, t.currency AS currency
