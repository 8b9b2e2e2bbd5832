// Every decision on the given candidate pairs, latest first (the first per pair is its status).
// @param $pairs   canonical pair keys
// @returns id, pair, decision, score, reasons, note, decidedBy, decidedAt
MATCH (r:IdentityReview)
WHERE r.pair IN $pairs
RETURN r.id AS id, r.pair AS pair, r.decision AS decision, r.score AS score, r.reasons AS reasons,
       r.note AS note, r.decidedBy AS decidedBy, r.decidedAt AS decidedAt
ORDER BY r.decidedAt DESC
