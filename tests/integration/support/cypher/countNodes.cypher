// Tests only: how many nodes the graph holds.
// @returns count
MATCH (n)
RETURN count(n) AS count
