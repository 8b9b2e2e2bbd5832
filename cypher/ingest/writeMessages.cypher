// Loads a batch of platform messages: each an event between two accounts; MESSAGED aggregates
// them per pair.
// @param $rows       normalised message rows
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $rows AS row
MERGE (m:Message {id: row.id})
  ON CREATE SET m.pending = true
WITH m, row
WHERE m.pending
REMOVE m.pending
SET m.recordId = row.recordId, m.time = datetime(row.time), m.timeOffset = row.timeOffset,
    m.kind = row.kind, m.sourceId = $sourceId, m.sourceLine = toInteger(row.line)
MERGE (a:PlatformAccount {id: row.fromId})
  ON CREATE SET a.platform = row.platform, a.handle = row.fromHandle
MERGE (b:PlatformAccount {id: row.toId})
  ON CREATE SET b.platform = row.platform, b.handle = row.toHandle
CREATE (a)-[:WROTE]->(m)-[:TO]->(b)
WITH a, b, count(m) AS n, min(m.time) AS first, max(m.time) AS last
MERGE (a)-[r:MESSAGED]->(b)
  ON CREATE SET r.count = 0, r.first = first, r.last = last
SET r.count = r.count + n,
    r.first = CASE WHEN first < r.first THEN first ELSE r.first END,
    r.last = CASE WHEN last > r.last THEN last ELSE r.last END
RETURN sum(n) AS created
