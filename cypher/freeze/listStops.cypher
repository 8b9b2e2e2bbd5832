// Stop ids, newest first, or, with $since, the stops changed after that change number, oldest
// change first (a bank's system polls with the last number it saw); with the number found.
// @param $bank       a bank's code (its partner sees only its own), or null for the police
// @param $statuses   statuses to list
// @param $accounts   account ids to list, or null for any
// @param $caseId     a case's stops only, or null
// @param $since      change number, or null
// @param $skip       how many to skip
// @param $limit      how many to answer
// @returns ids, total
MATCH (s:StopRequest)
WHERE s.status IN $statuses
  AND ($bank IS NULL OR s.bank = $bank)
  AND ($accounts IS NULL OR s.accountId IN $accounts)
  AND ($caseId IS NULL OR s.caseId = $caseId)
  AND ($since IS NULL OR s.seq > $since)
WITH s
ORDER BY CASE WHEN $since IS NULL THEN -s.seq ELSE s.seq END
WITH collect(s.id) AS found
RETURN found[$skip..($skip + $limit)] AS ids, size(found) AS total
