// Whether the graph holds no transfers, calls or reports yet (then the demo scenario is loaded).
// @returns empty
OPTIONAL MATCH (t:Transfer)
WITH t LIMIT 1
OPTIONAL MATCH (c:Call)
WITH t, c LIMIT 1
OPTIONAL MATCH (k:Case)
WITH t, c, k LIMIT 1
RETURN t IS NULL AND c IS NULL AND k IS NULL AS empty
