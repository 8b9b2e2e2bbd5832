// Uniqueness of the id of IdentityReview: one user's decision on a candidate "same person" link.
CREATE CONSTRAINT identity_review_id IF NOT EXISTS
FOR (n:IdentityReview) REQUIRE n.id IS UNIQUE
