// Reads every node and relationship with a property once, so the page cache holds the graph as it
// does on a server that has been answering for a while (benchmarks run this before timing).
// @returns nodes, relationships
CALL () {
  MATCH (n)
  RETURN count(n.id) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  RETURN count(r.count) + count(r.sourceId) AS relationships
}
RETURN nodes, relationships
