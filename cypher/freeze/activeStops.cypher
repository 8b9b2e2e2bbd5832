// The open stops (requested, held or frozen) by account: the watch state and the money-flow
// figures read them.
// @returns id, account, status, amountMinor, transfers
MATCH (s:StopRequest)
WHERE s.status IN ['requested', 'held', 'frozen']
RETURN s.id AS id, s.accountId AS account, s.status AS status, s.amountMinor AS amountMinor,
       s.transfers AS transfers
