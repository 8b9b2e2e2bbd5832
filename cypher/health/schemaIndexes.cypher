// Every index with its state; constraints show here through the index that backs them.
// @returns name, state
SHOW INDEXES YIELD name, state
RETURN name, state
