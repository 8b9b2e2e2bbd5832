// Records a user's decision on a candidate "same person" link. Decisions are kept, never
// overwritten: the latest one for a pair is its current status; nothing is merged.
// @param $id          review id
// @param $pair        canonical pair key (the two Type:id keys, sorted, joined by |)
// @param $aType       label of the first entity
// @param $aId         its domain id
// @param $bType       label of the second entity
// @param $bId         its domain id
// @param $decision    confirmed | rejected
// @param $score       the candidate's score when decided
// @param $reasons     the candidate's reasons when decided
// @param $note        the user's note, or null
// @param $decidedBy   username
// @returns id, pair, decision, score, reasons, note, decidedBy, decidedAt
CALL () {
  MATCH (n:PlatformAccount {id: $aId}) WHERE $aType = 'PlatformAccount' RETURN n
  UNION ALL
  MATCH (n:Person {id: $aId}) WHERE $aType = 'Person' RETURN n
}
WITH n AS a
CALL () {
  MATCH (n:PlatformAccount {id: $bId}) WHERE $bType = 'PlatformAccount' RETURN n
  UNION ALL
  MATCH (n:Person {id: $bId}) WHERE $bType = 'Person' RETURN n
}
WITH a, n AS b
CREATE (r:IdentityReview {
  id: $id, pair: $pair, decision: $decision, score: $score, reasons: $reasons, note: $note,
  decidedBy: $decidedBy, decidedAt: datetime()
})
CREATE (r)-[:ABOUT]->(a), (r)-[:ABOUT]->(b)
RETURN r.id AS id, r.pair AS pair, r.decision AS decision, r.score AS score, r.reasons AS reasons,
       r.note AS note, r.decidedBy AS decidedBy, r.decidedAt AS decidedAt
