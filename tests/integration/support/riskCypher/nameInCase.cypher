// Tests only: makes a case name an identity already in the graph, a change that adds no node
// (so no count a freshness stamp reads changes).
// @param $case    case number
// @param $phone   E.164 number
MATCH (k:Case {id: $case}), (p:PhoneNumber {id: $phone})
MERGE (k)-[:NAMES]->(p)
