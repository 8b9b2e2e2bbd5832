// How many identities, events, cases and sources the graph holds, by label (each count comes
// from Neo4j's count store, so this stays fast however large the graph).
// @returns label, count
MATCH (n:Person) RETURN 'Person' AS label, count(n) AS count
UNION ALL
MATCH (n:PhoneNumber) RETURN 'PhoneNumber' AS label, count(n) AS count
UNION ALL
MATCH (n:SIM) RETURN 'SIM' AS label, count(n) AS count
UNION ALL
MATCH (n:Device) RETURN 'Device' AS label, count(n) AS count
UNION ALL
MATCH (n:BankAccount) RETURN 'BankAccount' AS label, count(n) AS count
UNION ALL
MATCH (n:PlatformAccount) RETURN 'PlatformAccount' AS label, count(n) AS count
UNION ALL
MATCH (n:IPAddress) RETURN 'IPAddress' AS label, count(n) AS count
UNION ALL
MATCH (n:Transfer) RETURN 'Transfer' AS label, count(n) AS count
UNION ALL
MATCH (n:Call) RETURN 'Call' AS label, count(n) AS count
UNION ALL
MATCH (n:Sighting) RETURN 'Sighting' AS label, count(n) AS count
UNION ALL
MATCH (n:Login) RETURN 'Login' AS label, count(n) AS count
UNION ALL
MATCH (n:Message) RETURN 'Message' AS label, count(n) AS count
UNION ALL
MATCH (n:Case) RETURN 'Case' AS label, count(n) AS count
UNION ALL
MATCH (n:Station) RETURN 'Station' AS label, count(n) AS count
UNION ALL
MATCH (n:Source) RETURN 'Source' AS label, count(n) AS count
