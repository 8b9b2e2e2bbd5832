// Which of these journaled records are already in the chain (a replay after a crash skips them).
// @param $recordIds   record ids from the journal
// @returns recordId
MATCH (e:AuditEntry)
WHERE e.recordId IN $recordIds
RETURN e.recordId AS recordId
