// Projects an analysis graph, sent as edge columns between integer node numbers, into the Graph
// Data Science catalog as an undirected weighted graph, so GDS can find its communities.
// @param $name      catalog name of the projection
// @param $sources   edge sources (node numbers)
// @param $targets   edge targets
// @param $weights   edge weights
// @returns nodeCount, relationshipCount
UNWIND range(0, size($sources) - 1) AS i
WITH gds.graph.project($name, $sources[i], $targets[i],
       {relationshipProperties: {weight: $weights[i]}},
       {undirectedRelationshipTypes: ['*']}) AS graph
RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount
