// Every number, bank account and platform account named in a victim's report, with the cases.
// @returns type, id, cases
MATCH (k:Case)-[:NAMES]->(x)
WITH x, collect(k.id) AS cases
RETURN head([label IN labels(x) WHERE label IN ['PhoneNumber', 'BankAccount', 'PlatformAccount']])
       AS type, x.id AS id, cases
