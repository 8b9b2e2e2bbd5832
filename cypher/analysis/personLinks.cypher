// One page of people (keyset pagination) with the bank accounts they hold and the numbers they
// use, and whether they reported as a victim.
// @param $after   the last person id of the previous page ('' for the first page)
// @param $limit   people per page
// @returns source, victim, accounts, numbers
MATCH (p:Person)
WHERE p.id > $after
WITH p
ORDER BY p.id
LIMIT $limit
RETURN p.id AS source, p:Victim AS victim,
       COLLECT { MATCH (p)-[:HOLDS]->(a:BankAccount) RETURN a.id } AS accounts,
       COLLECT { MATCH (p)-[:USES_NUMBER]->(n:PhoneNumber) RETURN n.id } AS numbers
