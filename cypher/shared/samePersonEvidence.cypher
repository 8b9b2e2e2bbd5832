// Evidence that two identities belong to one person: pairs of platform accounts and people linked
// through the same registration handset, address or phone number (or a number the person uses).
// Shared things with more than $maxShared users are ignored (public Wi-Fi, a shop's phone).
// At most $scanCap pairs.
// @param $maxShared   most identities a shared thing may link
// @param $scanCap     most pairs returned
// @returns a, b, shared
MATCH (thing)
WHERE thing:Device OR thing:IPAddress OR thing:PhoneNumber
WITH thing, COUNT { (thing)<-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]-() } AS users
WHERE users >= 2 AND users <= $maxShared
MATCH (x)-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]->(thing)
      <-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]-(y)
WHERE x.id < y.id OR (x.id = y.id AND elementId(x) < elementId(y))
WITH x, y, collect(DISTINCT {type: labels(thing)[0], id: thing.id, users: users}) AS shared
LIMIT $scanCap
RETURN {type: labels(x)[0], id: x.id, name: coalesce(x.name, x.displayName)} AS a,
       {type: labels(y)[0], id: y.id, name: coalesce(y.name, y.displayName)} AS b,
       shared
