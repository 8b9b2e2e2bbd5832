// Identifier-first search. Each `$...` is a reading of the search text (null when the text cannot
// be one): an exact id of some kind, an account number, a handle, or part of a person's name.
// Exact matches rank first. With $organisation set (a partner), only the partner's own bank
// accounts, numbers, SIMs and platform accounts can be found (as in entityById), and their summaries
// count only the partner's own records, never the police reports that name them.
// @param $ids            exact ids to look up in every kind
// @param $accountNumber  a bank account number without the bank code, or null
// @param $handle         a platform handle without the platform, or null
// @param $name           text to find in people's names, or null
// @param $organisation   the partner's organisation, or null for police users
// @param $limit          most results
// @returns type, id, label, rank, summary
CALL () {
  UNWIND $ids AS id
  MATCH (n:PhoneNumber {id: id})
  WHERE $organisation IS NULL
     OR EXISTS { (n)-[:MADE]->(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
     OR EXISTS { (n)<-[:WITH_NUMBER]-(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' }
  WITH n,
       COUNT { (n)-[:MADE]->(c:Call) WHERE $organisation IS NULL OR c.id STARTS WITH $organisation + ':' } AS made,
       COUNT { (n)<-[:NAMES]-(:Case) } AS reports
  RETURN 'PhoneNumber' AS type, n.id AS id, coalesce(n.raw, n.id) AS label, 100 AS rank,
         toString(made) + CASE made WHEN 1 THEN ' call' ELSE ' calls' END + ' made, ' +
         toString(COUNT { (n)<-[:TO]-(c:Call) WHERE $organisation IS NULL OR c.id STARTS WITH $organisation + ':' }) +
         ' received' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(reports) + CASE reports WHEN 1 THEN ' report' ELSE ' reports' END
           ELSE '' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Device {id: id})
  WHERE $organisation IS NULL
  WITH n, COUNT { (n)<-[:SEEN_IN]-(:SIM) } AS sims
  RETURN 'Device' AS type, n.id AS id, n.id AS label, 100 AS rank,
         'handset (TAC ' + coalesce(n.tac, '?') + '), ' + toString(sims) +
         CASE sims WHEN 1 THEN ' SIM' ELSE ' SIMs' END + ' seen in it' AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:SIM {id: id})
  WHERE $organisation IS NULL
     OR EXISTS { (n)<-[:VIA_SIM]-(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
     OR EXISTS { (n)-[:SIGHTED]->(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' }
  WITH n, COUNT { (n)-[:SEEN_IN]->(:Device) } AS handsets
  RETURN 'SIM' AS type, n.id AS id, n.id AS label, 100 AS rank,
         'SIM in ' + toString(handsets) + CASE handsets WHEN 1 THEN ' handset' ELSE ' handsets' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:BankAccount {id: id})
  WHERE $organisation IS NULL OR n.bank = $organisation
  WITH n,
       COUNT { (n)-[:SENT]->(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' } AS sent,
       COUNT { (n)<-[:NAMES]-(:Case) } AS reports
  RETURN 'BankAccount' AS type, n.id AS id, n.bank + ' ' + n.number AS label, 100 AS rank,
         toString(sent) + CASE sent WHEN 1 THEN ' transfer' ELSE ' transfers' END + ' out, ' +
         toString(COUNT { (n)<-[:TO]-(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' in' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(reports) + CASE reports WHEN 1 THEN ' report' ELSE ' reports' END
           ELSE '' END AS summary
  UNION ALL
  MATCH (n:BankAccount {number: $accountNumber})
  WHERE $organisation IS NULL OR n.bank = $organisation
  WITH n,
       COUNT { (n)-[:SENT]->(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' } AS sent,
       COUNT { (n)<-[:NAMES]-(:Case) } AS reports
  RETURN 'BankAccount' AS type, n.id AS id, n.bank + ' ' + n.number AS label, 90 AS rank,
         toString(sent) + CASE sent WHEN 1 THEN ' transfer' ELSE ' transfers' END + ' out, ' +
         toString(COUNT { (n)<-[:TO]-(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' in' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(reports) + CASE reports WHEN 1 THEN ' report' ELSE ' reports' END
           ELSE '' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:PlatformAccount {id: id})
  WHERE $organisation IS NULL OR n.platform = $organisation
  WITH n, COUNT { (n)-[:LOGGED_IN]->() } AS logins, COUNT { (n)-[:WROTE]->() } AS messages
  RETURN 'PlatformAccount' AS type, n.id AS id, n.platform + ' @' + n.handle AS label,
         100 AS rank, coalesce(n.displayName, '') + ' — ' + toString(logins) +
         CASE logins WHEN 1 THEN ' login, ' ELSE ' logins, ' END + toString(messages) +
         CASE messages WHEN 1 THEN ' message' ELSE ' messages' END AS summary
  UNION ALL
  MATCH (n:PlatformAccount {handle: $handle})
  WHERE $organisation IS NULL OR n.platform = $organisation
  WITH n, COUNT { (n)-[:LOGGED_IN]->() } AS logins, COUNT { (n)-[:WROTE]->() } AS messages
  RETURN 'PlatformAccount' AS type, n.id AS id, n.platform + ' @' + n.handle AS label,
         90 AS rank, coalesce(n.displayName, '') + ' — ' + toString(logins) +
         CASE logins WHEN 1 THEN ' login, ' ELSE ' logins, ' END + toString(messages) +
         CASE messages WHEN 1 THEN ' message' ELSE ' messages' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Case {id: id})
  WHERE $organisation IS NULL
  WITH n, COUNT { (n)-[:NAMES]->() } AS named
  RETURN 'Case' AS type, n.id AS id, n.id AS label, 100 AS rank,
         coalesce(n.scamType, 'case') + ' reported ' + toString(date(n.reportedAt)) + ', names ' +
         toString(named) + CASE named WHEN 1 THEN ' identifier' ELSE ' identifiers' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Person {id: id})
  WHERE $organisation IS NULL
  WITH n, COUNT { (n)-[:HOLDS]->() } AS held, COUNT { (n)-[:REPORTED]->() } AS reported
  RETURN 'Person' AS type, n.id AS id, coalesce(n.name, n.id) AS label, 100 AS rank,
         'holds ' + toString(held) + CASE held WHEN 1 THEN ' account' ELSE ' accounts' END +
         ', reported ' + toString(reported) + CASE reported WHEN 1 THEN ' case' ELSE ' cases' END AS summary
  UNION ALL
  MATCH (n:Person)
  WHERE $organisation IS NULL AND $name IS NOT NULL AND n.name CONTAINS $name
  WITH n, COUNT { (n)-[:HOLDS]->() } AS held, COUNT { (n)-[:REPORTED]->() } AS reported
  RETURN 'Person' AS type, n.id AS id, n.name AS label,
         CASE WHEN toLower(n.name) STARTS WITH toLower($name) THEN 60 ELSE 40 END AS rank,
         'holds ' + toString(held) + CASE held WHEN 1 THEN ' account' ELSE ' accounts' END +
         ', reported ' + toString(reported) + CASE reported WHEN 1 THEN ' case' ELSE ' cases' END AS summary
}
RETURN type, id, max(rank) AS rank, head(collect(label)) AS label, head(collect(summary)) AS summary
ORDER BY rank DESC, label
LIMIT $limit
