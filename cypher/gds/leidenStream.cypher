// GDS Leiden communities of a projected analysis graph, seeded, with the resolution (gamma).
// @param $name          catalog name of the projection
// @param $resolution    resolution (gamma)
// @param $seed          random seed
// @param $concurrency   threads GDS may use
// @returns nodeId, communityId
CALL gds.leiden.stream($name, {
  relationshipWeightProperty: 'weight', gamma: $resolution, randomSeed: $seed,
  concurrency: $concurrency
})
YIELD nodeId, communityId
RETURN nodeId, communityId
