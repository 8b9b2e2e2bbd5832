// Decisions on candidate "same person" links are looked up by their pair key.
CREATE INDEX identity_review_pair IF NOT EXISTS
FOR (n:IdentityReview) ON (n.pair)
