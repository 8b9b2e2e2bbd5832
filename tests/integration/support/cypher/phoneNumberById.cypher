// Tests only: one phone number with its properties and the node itself.
// @param $id   E.164 number
// @returns id, raw, firstSeen, calls, node
MATCH (p:PhoneNumber {id: $id})
RETURN p.id AS id, p.raw AS raw, p.firstSeen AS firstSeen, p.calls AS calls, p AS node
