// Tests only: how many nodes carry each label.
// @returns label, count
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
