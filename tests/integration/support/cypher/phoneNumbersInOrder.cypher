// Tests only: phone numbers by id, at most $limit of them.
// @param $limit   how many
// @returns id
MATCH (p:PhoneNumber)
RETURN p.id AS id
ORDER BY id
LIMIT $limit
