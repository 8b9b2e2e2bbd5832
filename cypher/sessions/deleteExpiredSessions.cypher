// Removes sessions idle or alive for longer than allowed.
// @param $idleMinutes   idle timeout
// @param $maxHours      absolute lifetime
MATCH (s:Session)
WHERE s.lastSeen < datetime() - duration({minutes: $idleMinutes})
   OR s.createdAt < datetime() - duration({hours: $maxHours})
DETACH DELETE s
