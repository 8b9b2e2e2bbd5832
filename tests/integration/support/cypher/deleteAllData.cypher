// Tests only: deletes up to 20,000 relationships, or when none are left up to 20,000 nodes
// (call until it returns 0; constraints and indexes stay). Slices keep a large graph within
// transaction memory.
// @returns deleted
CALL () {
  MATCH ()-[r]->()
  WITH r
  LIMIT 20000
  DELETE r
  RETURN count(*) AS relationships
}
CALL (relationships) {
  MATCH (n)
  WHERE relationships = 0
  WITH n
  LIMIT 20000
  DELETE n
  RETURN count(*) AS nodes
}
RETURN relationships + nodes AS deleted
