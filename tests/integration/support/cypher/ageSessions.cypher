// Tests only: makes every session look idle for $minutes.
// @param $minutes   idle time to pretend
MATCH (s:Session)
SET s.lastSeen = datetime() - duration({minutes: $minutes})
