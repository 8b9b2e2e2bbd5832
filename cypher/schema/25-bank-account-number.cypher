// Index for finding a bank account by its number without the bank code.
CREATE INDEX bank_account_number IF NOT EXISTS
FOR (n:BankAccount) ON (n.number)
