// Raises alerts, or adds events to the alert of the same rule, subject and day: its evidence,
// reasons and amount grow, and it takes the next change number. Events an alert already holds
// change nothing, so a batch scored twice raises nothing twice. Alert changes are numbered one at
// a time (the counter is locked first), in the order given, in one transaction.
// @param $alerts  [{id, rule, severity, rank, title, subjectType, subjectId, subjectLabel,
//                  stationId, stationName, contactPersonId, contactName, contactPhone,
//                  amountMinor, currency, amountMode ('sum' | 'set'), stopAccount, reasons,
//                  evidence ('Type:id'), triggers (event ids), eventAt, watchAccounts}]
// @param $now     ISO-8601 time of the change
// @returns alert
MERGE (c:AlertCounter {id: 'alerts'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = datetime($now)
WITH c
UNWIND $alerts AS given
MERGE (a:Alert {id: given.id})
  ON CREATE SET a.rule = given.rule, a.severity = given.severity, a.rank = toInteger(given.rank),
                a.title = given.title, a.subjectType = given.subjectType,
                a.subjectId = given.subjectId, a.subjectLabel = given.subjectLabel,
                a.stationId = given.stationId, a.stationName = given.stationName,
                a.contactPersonId = given.contactPersonId, a.contactName = given.contactName,
                a.contactPhone = given.contactPhone, a.currency = given.currency,
                a.stopAccount = given.stopAccount, a.status = 'new', a.escalated = false,
                a.createdAt = datetime($now), a.firstEventAt = datetime(given.eventAt),
                a.lastEventAt = datetime(given.eventAt), a.triggers = [], a.evidence = [],
                a.reasons = [], a.watchAccounts = [], a.amountMinor = null
WITH c, a, given, [t IN given.triggers WHERE NOT t IN a.triggers] AS fresh
WHERE size(fresh) > 0
SET c.seq = c.seq + 1
SET a.triggers = a.triggers + fresh,
    a.evidence = a.evidence + [e IN given.evidence WHERE NOT e IN a.evidence],
    a.reasons = a.reasons + [r IN given.reasons WHERE NOT r IN a.reasons],
    a.watchAccounts = a.watchAccounts + [w IN given.watchAccounts WHERE NOT w IN a.watchAccounts],
    a.amountMinor = CASE
      WHEN given.amountMinor IS NULL THEN a.amountMinor
      WHEN given.amountMode = 'sum' THEN coalesce(a.amountMinor, 0) + toInteger(given.amountMinor)
      ELSE toInteger(given.amountMinor) END,
    a.firstEventAt = CASE WHEN datetime(given.eventAt) < a.firstEventAt
                     THEN datetime(given.eventAt) ELSE a.firstEventAt END,
    a.lastEventAt = CASE WHEN datetime(given.eventAt) > a.lastEventAt
                    THEN datetime(given.eventAt) ELSE a.lastEventAt END,
    a.updatedAt = datetime($now), a.seq = c.seq
RETURN a {.*} AS alert
