// How many nodes the graph holds, of any label (from Neo4j's count store): the bulk first load
// only loads into a database with none.
// @returns nodes
MATCH (n)
RETURN count(n) AS nodes
