// Tests only: empties the graph (constraints and indexes stay).
MATCH (n)
DETACH DELETE n
