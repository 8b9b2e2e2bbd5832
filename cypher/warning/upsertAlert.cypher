// Raises an alert, or adds events to the alert of the same rule, subject and day: its evidence,
// reasons and amount grow, and it takes the next change number. Events it already holds change
// nothing, so a batch scored twice raises nothing twice. Alert changes are numbered one at a time
// (the counter is locked first).
// @param $alert   {id, rule, severity, rank, title, subjectType, subjectId, subjectLabel,
//                  stationId, stationName, contactPersonId, contactName, contactPhone,
//                  amountMinor, currency, amountMode ('sum' | 'set'), stopAccount, reasons,
//                  evidence ('Type:id'), triggers (event ids), eventAt, watchAccounts}
// @param $now     ISO-8601 time of the change
// @returns alert
MERGE (c:AlertCounter {id: 'alerts'})
  ON CREATE SET c.seq = 0
SET c.lockedAt = datetime($now)
WITH c
MERGE (a:Alert {id: $alert.id})
  ON CREATE SET a.rule = $alert.rule, a.severity = $alert.severity, a.rank = toInteger($alert.rank),
                a.title = $alert.title, a.subjectType = $alert.subjectType,
                a.subjectId = $alert.subjectId, a.subjectLabel = $alert.subjectLabel,
                a.stationId = $alert.stationId, a.stationName = $alert.stationName,
                a.contactPersonId = $alert.contactPersonId, a.contactName = $alert.contactName,
                a.contactPhone = $alert.contactPhone, a.currency = $alert.currency,
                a.stopAccount = $alert.stopAccount, a.status = 'new', a.escalated = false,
                a.createdAt = datetime($now), a.firstEventAt = datetime($alert.eventAt),
                a.lastEventAt = datetime($alert.eventAt), a.triggers = [], a.evidence = [],
                a.reasons = [], a.watchAccounts = [], a.amountMinor = null
WITH c, a, [t IN $alert.triggers WHERE NOT t IN a.triggers] AS fresh
WHERE size(fresh) > 0
SET c.seq = c.seq + 1
SET a.triggers = a.triggers + fresh,
    a.evidence = a.evidence + [e IN $alert.evidence WHERE NOT e IN a.evidence],
    a.reasons = a.reasons + [r IN $alert.reasons WHERE NOT r IN a.reasons],
    a.watchAccounts = a.watchAccounts + [w IN $alert.watchAccounts WHERE NOT w IN a.watchAccounts],
    a.amountMinor = CASE
      WHEN $alert.amountMinor IS NULL THEN a.amountMinor
      WHEN $alert.amountMode = 'sum' THEN coalesce(a.amountMinor, 0) + toInteger($alert.amountMinor)
      ELSE toInteger($alert.amountMinor) END,
    a.firstEventAt = CASE WHEN datetime($alert.eventAt) < a.firstEventAt
                     THEN datetime($alert.eventAt) ELSE a.firstEventAt END,
    a.lastEventAt = CASE WHEN datetime($alert.eventAt) > a.lastEventAt
                    THEN datetime($alert.eventAt) ELSE a.lastEventAt END,
    a.updatedAt = datetime($now), a.seq = c.seq
RETURN a {.*} AS alert
