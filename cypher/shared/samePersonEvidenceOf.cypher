// Evidence that an identity (a person or a platform account) and others belong to one person:
// those linked to it through the same registration handset, address or phone number (or a
// number the person uses). Shared things with more than $maxShared users are ignored.
// @param $type        Person | PlatformAccount
// @param $id          its domain id
// @param $maxShared   most identities a shared thing may link
// @param $scanCap     most pairs returned
// @returns a, b, shared
CALL () {
  MATCH (x:PlatformAccount {id: $id}) WHERE $type = 'PlatformAccount' RETURN x
  UNION ALL
  MATCH (x:Person {id: $id}) WHERE $type = 'Person' RETURN x
}
MATCH (x)-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]->(thing)
WITH x, thing, COUNT { (thing)<-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]-() } AS users
WHERE users >= 2 AND users <= $maxShared
MATCH (thing)<-[:REGISTERED_FROM|REGISTERED_WITH|USES_NUMBER]-(y)
WHERE y <> x
WITH x, y, collect(DISTINCT {type: labels(thing)[0], id: thing.id, users: users}) AS shared
LIMIT $scanCap
RETURN {type: labels(x)[0], id: x.id, name: coalesce(x.name, x.displayName)} AS a,
       {type: labels(y)[0], id: y.id, name: coalesce(y.name, y.displayName)} AS b,
       shared
