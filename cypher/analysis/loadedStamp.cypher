// A cheap fingerprint of what is loaded, to tell whether a cached analysis graph is stale: how
// many identities, events, reports and Sources the graph holds (each count from Neo4j's count
// store), and when the latest Source finished loading (a file loaded again adds no Source). A
// load cut short records no Source, but its events are counted.
// @returns label, count, lastLoadedAt
MATCH (s:Source)
RETURN 'Source' AS label, count(s) AS count, max(s.lastLoadedAt).epochMillis AS lastLoadedAt
UNION ALL
MATCH (n:Person) WITH count(n) AS count RETURN 'Person' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:PhoneNumber) WITH count(n) AS count
RETURN 'PhoneNumber' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:SIM) WITH count(n) AS count RETURN 'SIM' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Device) WITH count(n) AS count RETURN 'Device' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:BankAccount) WITH count(n) AS count
RETURN 'BankAccount' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:PlatformAccount) WITH count(n) AS count
RETURN 'PlatformAccount' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:IPAddress) WITH count(n) AS count
RETURN 'IPAddress' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Transfer) WITH count(n) AS count RETURN 'Transfer' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Call) WITH count(n) AS count RETURN 'Call' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Sighting) WITH count(n) AS count RETURN 'Sighting' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Login) WITH count(n) AS count RETURN 'Login' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Message) WITH count(n) AS count RETURN 'Message' AS label, count, null AS lastLoadedAt
UNION ALL
MATCH (n:Case) WITH count(n) AS count RETURN 'Case' AS label, count, null AS lastLoadedAt
