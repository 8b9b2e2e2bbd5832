// Uniqueness of the domain id of BankAccount: a bank account, id is bank code and account number.
CREATE CONSTRAINT bank_account_id IF NOT EXISTS
FOR (n:BankAccount) REQUIRE n.id IS UNIQUE
