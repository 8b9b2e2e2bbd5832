// Handsets, internet addresses and phone numbers that several platform accounts were registered
// from or with: accounts opened by one hand. Origins shared by more than $maxAccounts accounts
// (a public Wi-Fi, a shop's phone) are left out; most accounts first.
// @param $minAccounts   fewest accounts an origin must have
// @param $maxAccounts   most accounts an origin may have
// @param $skip          rows to skip
// @param $limit         page size
// @returns type, id, accounts, total
MATCH (origin)<-[:REGISTERED_FROM|REGISTERED_WITH]-(a:PlatformAccount)
WITH origin, collect(DISTINCT a.id) AS accounts
WHERE size(accounts) >= $minAccounts AND size(accounts) <= $maxAccounts
ORDER BY size(accounts) DESC, origin.id
SKIP $skip
LIMIT $limit
RETURN labels(origin)[0] AS type, origin.id AS id, accounts[..50] AS accounts,
       size(accounts) AS total
