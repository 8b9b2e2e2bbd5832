// The links between a ring's members, from the aggregates: transfers, calls, SIMs in handsets and
// their numbers, holdings, platform registrations, logins and messages; weight = count.
// @param $id      the ring id
// @param $limit   most links returned
// @returns type, source, target, weight
MATCH (g:Ring {id: $id})-[m:HAS_MEMBER]->(a)
WITH g, a, m.entity AS source
MATCH (a)-[r:TRANSFERRED|CALLED|SEEN_IN|HAS_NUMBER|HOLDS|REGISTERED_WITH|REGISTERED_FROM|USED_DEVICE|USED_IP|MESSAGED]->(b)
MATCH (g)-[n:HAS_MEMBER]->(b)
RETURN type(r) AS type, source, n.entity AS target, sum(coalesce(r.count, 1)) AS weight
LIMIT $limit
