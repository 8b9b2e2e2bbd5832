// Drops a projection from the Graph Data Science catalog, if it is there.
// @param $name   catalog name of the projection
// @returns graphName
CALL gds.graph.drop($name, false) YIELD graphName
RETURN graphName
