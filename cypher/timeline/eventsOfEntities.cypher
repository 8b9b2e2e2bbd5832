// The events of a set of entities in time order: transfers of the accounts, calls of the numbers,
// logins and messages of the platform accounts, and the reports naming any of them; one page
// ($limit + 1 rows, to tell whether more follow) within an optional time window.
// @param $accounts   bank account ids
// @param $numbers    phone numbers (E.164)
// @param $handles    platform account ids
// @param $from       ISO-8601 start of the window, or null
// @param $to         ISO-8601 end of the window (exclusive), or null
// @param $skip       rows to skip
// @param $limit      page size
// @returns kind, id, at, offset, from, to, amountMinor, currency, durationSeconds, detail
CALL () {
  UNWIND $accounts AS id
  MATCH (:BankAccount {id: id})-[:SENT|TO]-(e:Transfer)
  RETURN DISTINCT e, 'Transfer' AS kind, e.time AS at
  UNION
  UNWIND $numbers AS id
  MATCH (:PhoneNumber {id: id})-[:MADE|TO]-(e:Call)
  RETURN DISTINCT e, 'Call' AS kind, e.start AS at
  UNION
  UNWIND $handles AS id
  MATCH (:PlatformAccount {id: id})-[:LOGGED_IN]->(e:Login)
  RETURN DISTINCT e, 'Login' AS kind, e.time AS at
  UNION
  UNWIND $handles AS id
  MATCH (:PlatformAccount {id: id})-[:WROTE|TO]-(e:Message)
  RETURN DISTINCT e, 'Message' AS kind, e.time AS at
  UNION
  UNWIND $accounts AS id
  MATCH (:BankAccount {id: id})<-[:NAMES]-(e:Case)
  RETURN DISTINCT e, 'Case' AS kind, e.reportedAt AS at
  UNION
  UNWIND $numbers AS id
  MATCH (:PhoneNumber {id: id})<-[:NAMES]-(e:Case)
  RETURN DISTINCT e, 'Case' AS kind, e.reportedAt AS at
  UNION
  UNWIND $handles AS id
  MATCH (:PlatformAccount {id: id})<-[:NAMES]-(e:Case)
  RETURN DISTINCT e, 'Case' AS kind, e.reportedAt AS at
}
WITH e, kind, at
WHERE ($from IS NULL OR at >= datetime($from)) AND ($to IS NULL OR at < datetime($to))
RETURN kind, e.id AS id, at,
       coalesce(e.timeOffset, e.startOffset, e.reportedOffset) AS offset,
       head([(e)<-[:SENT|MADE|LOGGED_IN|WROTE]-(x) | x.id]) AS from,
       head([(e)-[:TO]->(x) | x.id]) AS to,
       coalesce(e.amountMinor, e.lossMinor) AS amountMinor, e.currency AS currency,
       e.durationSeconds AS durationSeconds, coalesce(e.scamType, e.kind, e.channel) AS detail
ORDER BY at, id
SKIP $skip
LIMIT $limit + 1
