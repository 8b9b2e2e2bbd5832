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
  RETURN 'PhoneNumber' AS type, n.id AS id, coalesce(n.raw, n.id) AS label, 100 AS rank,
         toString(COUNT { (n)-[:MADE]->(c:Call) WHERE $organisation IS NULL OR c.id STARTS WITH $organisation + ':' }) +
         ' calls made, ' +
         toString(COUNT { (n)<-[:TO]-(c:Call) WHERE $organisation IS NULL OR c.id STARTS WITH $organisation + ':' }) +
         ' received' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(COUNT { (n)<-[:NAMES]-(:Case) }) + ' reports' ELSE '' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Device {id: id})
  WHERE $organisation IS NULL
  RETURN 'Device' AS type, n.id AS id, n.id AS label, 100 AS rank,
         'handset (TAC ' + coalesce(n.tac, '?') + '), ' + toString(COUNT { (n)<-[:SEEN_IN]-(:SIM) }) + ' SIMs seen in it' AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:SIM {id: id})
  WHERE $organisation IS NULL
     OR EXISTS { (n)<-[:VIA_SIM]-(c:Call) WHERE c.id STARTS WITH $organisation + ':' }
     OR EXISTS { (n)-[:SIGHTED]->(x:Sighting) WHERE x.id STARTS WITH $organisation + ':' }
  RETURN 'SIM' AS type, n.id AS id, n.id AS label, 100 AS rank,
         'SIM in ' + toString(COUNT { (n)-[:SEEN_IN]->(:Device) }) + ' handsets' AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:BankAccount {id: id})
  WHERE $organisation IS NULL OR n.bank = $organisation
  RETURN 'BankAccount' AS type, n.id AS id, n.bank + ' ' + n.number AS label, 100 AS rank,
         toString(COUNT { (n)-[:SENT]->(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' transfers out, ' +
         toString(COUNT { (n)<-[:TO]-(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' in' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(COUNT { (n)<-[:NAMES]-(:Case) }) + ' reports' ELSE '' END AS summary
  UNION ALL
  MATCH (n:BankAccount {number: $accountNumber})
  WHERE $organisation IS NULL OR n.bank = $organisation
  RETURN 'BankAccount' AS type, n.id AS id, n.bank + ' ' + n.number AS label, 90 AS rank,
         toString(COUNT { (n)-[:SENT]->(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' transfers out, ' +
         toString(COUNT { (n)<-[:TO]-(t:Transfer) WHERE $organisation IS NULL OR t.id STARTS WITH $organisation + ':' }) +
         ' in' + CASE WHEN $organisation IS NULL
           THEN ', named in ' + toString(COUNT { (n)<-[:NAMES]-(:Case) }) + ' reports' ELSE '' END AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:PlatformAccount {id: id})
  WHERE $organisation IS NULL OR n.platform = $organisation
  RETURN 'PlatformAccount' AS type, n.id AS id, n.platform + ' @' + n.handle AS label,
         100 AS rank, coalesce(n.displayName, '') + ' — ' + toString(COUNT { (n)-[:LOGGED_IN]->() }) +
         ' logins, ' + toString(COUNT { (n)-[:WROTE]->() }) + ' messages' AS summary
  UNION ALL
  MATCH (n:PlatformAccount {handle: $handle})
  WHERE $organisation IS NULL OR n.platform = $organisation
  RETURN 'PlatformAccount' AS type, n.id AS id, n.platform + ' @' + n.handle AS label,
         90 AS rank, coalesce(n.displayName, '') + ' — ' + toString(COUNT { (n)-[:LOGGED_IN]->() }) +
         ' logins, ' + toString(COUNT { (n)-[:WROTE]->() }) + ' messages' AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Case {id: id})
  WHERE $organisation IS NULL
  RETURN 'Case' AS type, n.id AS id, n.id AS label, 100 AS rank,
         coalesce(n.scamType, 'case') + ' reported ' + toString(date(n.reportedAt)) + ', names ' +
         toString(COUNT { (n)-[:NAMES]->() }) + ' identifiers' AS summary
  UNION ALL
  UNWIND $ids AS id
  MATCH (n:Person {id: id})
  WHERE $organisation IS NULL
  RETURN 'Person' AS type, n.id AS id, coalesce(n.name, n.id) AS label, 100 AS rank,
         'holds ' + toString(COUNT { (n)-[:HOLDS]->() }) + ' accounts, reported ' +
         toString(COUNT { (n)-[:REPORTED]->() }) + ' cases' AS summary
  UNION ALL
  MATCH (n:Person)
  WHERE $organisation IS NULL AND $name IS NOT NULL AND n.name CONTAINS $name
  RETURN 'Person' AS type, n.id AS id, n.name AS label,
         CASE WHEN toLower(n.name) STARTS WITH toLower($name) THEN 60 ELSE 40 END AS rank,
         'holds ' + toString(COUNT { (n)-[:HOLDS]->() }) + ' accounts, reported ' +
         toString(COUNT { (n)-[:REPORTED]->() }) + ' cases' AS summary
}
RETURN type, id, max(rank) AS rank, head(collect(label)) AS label, head(collect(summary)) AS summary
ORDER BY rank DESC, label
LIMIT $limit
