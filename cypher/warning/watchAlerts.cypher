// What the watch state keeps from alerts: accounts holding traced money, and people being worked
// on (called by watched numbers) since a time, with their accounts.
// @param $since   ISO-8601: people worked on since this record time
// @returns rule, subjectId, contactPhone, watchAccounts, lastEventAt, triggers
MATCH (a:Alert)
WHERE a.rule = 'traced_money_held'
   OR (a.rule = 'being_worked_on' AND a.lastEventAt >= datetime($since))
RETURN a.rule AS rule, a.subjectId AS subjectId, a.contactPhone AS contactPhone,
       a.watchAccounts AS watchAccounts, toString(a.lastEventAt) AS lastEventAt,
       a.triggers AS triggers
