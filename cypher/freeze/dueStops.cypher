// Stops whose time has come: requests unanswered since before $answerBefore and not escalated,
// holds ending before $warnBefore whose investigator was not warned, holds that ended by $now.
// @param $answerBefore   ISO-8601
// @param $warnBefore     ISO-8601
// @param $now            ISO-8601
// @returns id
MATCH (s:StopRequest)
WHERE s.status = 'requested' AND NOT s.escalated AND s.requestedAt < $answerBefore
RETURN s.id AS id
UNION
MATCH (s:StopRequest)
WHERE s.status = 'held' AND (s.holdUntil <= $now
  OR (s.endingWarnedAt IS NULL AND s.holdUntil < $warnBefore))
RETURN s.id AS id
