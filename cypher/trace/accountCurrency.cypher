// An account and the currency it most often moves money in (among its first 1,000 transfers): the
// starting point of a trace from an account rather than a transfer.
// @param $id   account id (BANK:NUMBER)
// @returns id, currency
MATCH (a:BankAccount {id: $id})
OPTIONAL CALL (a) {
  MATCH (a)-[:SENT|TO]-(t:Transfer)
  WITH t LIMIT 1000
  RETURN t.currency AS currency, count(*) AS transfers
  ORDER BY transfers DESC
  LIMIT 1
}
RETURN a.id AS id, currency
