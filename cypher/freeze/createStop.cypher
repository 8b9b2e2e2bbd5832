// Asks the bank to hold money in an account, unless a request on that account is still waiting
// for the bank's answer (a hold in force does not stop a request for money that arrived since) or
// one of the same id exists (the policy's ids are made from the
// account and the event, so an event scored again asks nothing twice): then that one is answered
// and nothing is written. Stop changes are numbered one at a time (the counter is locked first),
// so two requests on one account at once make one request.
// @param $stop   {id, account, amountMinor, currency, transfers, caseId, legalBasis, origin,
//                 alertId, requestedBy, eventAt, hop}
// @param $now    ISO-8601 time of the request
// @returns id, created
MERGE (c:StopCounter {id: 'stops'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = $now
WITH c
MATCH (a:BankAccount {id: $stop.account})
OPTIONAL MATCH (a)<-[:STOP_ON]-(open:StopRequest {status: 'requested'})
WITH c, a, head(collect(open.id)) AS openId
OPTIONAL MATCH (same:StopRequest {id: $stop.id})
WITH c, a, coalesce(same.id, openId) AS existing
FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END |
  SET c.seq = c.seq + 1
  CREATE (s:StopRequest {
    id: $stop.id, accountId: a.id, bank: a.bank, amountMinor: toInteger($stop.amountMinor),
    currency: $stop.currency, transfers: $stop.transfers, caseId: $stop.caseId,
    legalBasis: $stop.legalBasis, origin: $stop.origin, alertId: $stop.alertId,
    requestedBy: $stop.requestedBy, requestedAt: $now, eventAt: $stop.eventAt,
    hop: toInteger($stop.hop), status: 'requested', renewals: 0, escalated: false,
    updatedAt: $now, seq: c.seq
  })-[:STOP_ON]->(a)
)
RETURN coalesce(existing, $stop.id) AS id, existing IS NULL AS created
