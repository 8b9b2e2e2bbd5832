// How many nodes and relationships the whole graph holds (from Neo4j's count store).
// @returns nodes, relationships
MATCH (n)
WITH count(n) AS nodes
MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
