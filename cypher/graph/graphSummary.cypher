// How many identities, events, cases and sources the graph holds, by label (each count comes
// from Neo4j's count store, so this stays fast however large the graph; zero counts included).
// @returns label, count
MATCH (n:Person) WITH count(n) AS count RETURN 'Person' AS label, count
UNION ALL
MATCH (n:PhoneNumber) WITH count(n) AS count RETURN 'PhoneNumber' AS label, count
UNION ALL
MATCH (n:SIM) WITH count(n) AS count RETURN 'SIM' AS label, count
UNION ALL
MATCH (n:Device) WITH count(n) AS count RETURN 'Device' AS label, count
UNION ALL
MATCH (n:BankAccount) WITH count(n) AS count RETURN 'BankAccount' AS label, count
UNION ALL
MATCH (n:PlatformAccount) WITH count(n) AS count RETURN 'PlatformAccount' AS label, count
UNION ALL
MATCH (n:IPAddress) WITH count(n) AS count RETURN 'IPAddress' AS label, count
UNION ALL
MATCH (n:Transfer) WITH count(n) AS count RETURN 'Transfer' AS label, count
UNION ALL
MATCH (n:Call) WITH count(n) AS count RETURN 'Call' AS label, count
UNION ALL
MATCH (n:Sighting) WITH count(n) AS count RETURN 'Sighting' AS label, count
UNION ALL
MATCH (n:Login) WITH count(n) AS count RETURN 'Login' AS label, count
UNION ALL
MATCH (n:Message) WITH count(n) AS count RETURN 'Message' AS label, count
UNION ALL
MATCH (n:Case) WITH count(n) AS count RETURN 'Case' AS label, count
UNION ALL
MATCH (n:Station) WITH count(n) AS count RETURN 'Station' AS label, count
UNION ALL
MATCH (n:Source) WITH count(n) AS count RETURN 'Source' AS label, count
