// Tests only: creates a bank account held at a bank.
// @param $id     domain id
// @param $bank   bank code
CREATE (:BankAccount {id: $id, bank: $bank, number: $id})
