// Tests only: how many relationships of each type.
// @returns type, count
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
