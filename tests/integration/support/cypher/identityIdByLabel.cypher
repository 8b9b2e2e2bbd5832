// Tests only: an identity's id, looked up under the label given.
// @param $label   PhoneNumber | BankAccount
// @param $id      the domain id
// @returns id
MATCH (n:$($label) {id: $id})
RETURN n.id AS id
