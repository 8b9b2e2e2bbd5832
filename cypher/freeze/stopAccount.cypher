// The bank account a stop is asked on: its bank and number, or no row when no bank holds it here.
// @param $account   the account id (BANK:NUMBER)
// @returns id, bank, number
MATCH (a:BankAccount {id: $account})
RETURN a.id AS id, a.bank AS bank, a.number AS number
