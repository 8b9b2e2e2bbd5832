// Tests only: creates one phone number.
// @param $id          E.164 number
// @param $raw         the number as supplied
// @param $firstSeen   ISO-8601 time with offset
// @param $calls       an integer
// @returns id
CREATE (p:PhoneNumber {id: $id, raw: $raw, firstSeen: datetime($firstSeen), calls: $calls})
RETURN p.id AS id
