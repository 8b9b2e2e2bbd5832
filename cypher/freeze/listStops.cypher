// Stop ids, newest first, or, with $since, the stops changed after that change number, oldest
// change first (a bank's system polls with the last number it saw); with the number found.
// @param $bank       a bank's code (its partner sees only its own), or null for the police
// @param $statuses   statuses to list
// @param $accounts   account ids to list, or null for any
// @param $caseId     a case's stops only, or null
// @param $since      change number, or null
// @param $skip       how many to skip
// @param $limit      how many to answer
// @returns ids, seqs, total
MATCH (s:StopRequest)
WHERE s.status IN $statuses
  AND ($bank IS NULL OR s.bank = $bank)
  AND ($accounts IS NULL OR s.accountId IN $accounts)
  AND ($caseId IS NULL OR s.caseId = $caseId)
  AND ($since IS NULL OR s.seq > $since)
WITH s
ORDER BY CASE WHEN $since IS NULL THEN -s.seq ELSE s.seq END
WITH collect(s {.id, .seq}) AS found
WITH found[$skip..($skip + $limit)] AS page, size(found) AS total
RETURN [s IN page | s.id] AS ids, [s IN page | s.seq] AS seqs, total
