// The open stops (requested, held or frozen), oldest change first and an account's request waiting
// for its bank last: the watch state, the policy that follows money out of them and the money-flow
// figures read them.
// @returns id, account, status, amountMinor, transfers, caseId, legalBasis, since, hop
MATCH (s:StopRequest)
WHERE s.status IN ['requested', 'held', 'frozen']
RETURN s.id AS id, s.accountId AS account, s.status AS status, s.amountMinor AS amountMinor,
       s.transfers AS transfers, s.caseId AS caseId, s.legalBasis AS legalBasis,
       coalesce(s.eventAt, s.requestedAt) AS since, coalesce(s.hop, 0) AS hop
ORDER BY s.status = 'requested', s.seq
