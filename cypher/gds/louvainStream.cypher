// GDS Louvain communities of a projected analysis graph (GDS Louvain has no resolution).
// @param $name          catalog name of the projection
// @param $concurrency   threads GDS may use
// @returns nodeId, communityId
CALL gds.louvain.stream($name, {relationshipWeightProperty: 'weight', concurrency: $concurrency})
YIELD nodeId, communityId
RETURN nodeId, communityId
