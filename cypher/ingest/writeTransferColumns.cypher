// Loads a batch of new bank transfers, sent as columns (see server/ingest/kinds/bankTransfers.ts):
// merges each account once, creates each transfer linked to its accounts, and adds the batch's
// per-pair totals to the TRANSFERRED aggregates. Run in the same transaction as existingTransfers.
// @param $accounts   distinct accounts {id, bank, number}; rows refer to them by position
// @param $cols       the transfers, one list per field, with fromIdx/toIdx positions
// @param $pairs      per account pair and currency: from, to, extra (currency), count, total, first, last
// @param $sourceId   the Source the rows come from
// @returns created
UNWIND $accounts AS account
MERGE (a:BankAccount {id: account.id})
  ON CREATE SET a.bank = account.bank, a.number = account.number
WITH collect(a) AS accounts
CALL (accounts) {
  UNWIND range(0, size($cols.id) - 1) AS i
  WITH accounts[toInteger($cols.fromIdx[i])] AS a, accounts[toInteger($cols.toIdx[i])] AS b, i
  CREATE (a)-[:SENT]->(:Transfer {
    id: $cols.id[i], recordId: $cols.recordId[i],
    time: datetime($cols.time[i]), timeOffset: $cols.timeOffset[i],
    amountMinor: toInteger($cols.amountMinor[i]), currency: $cols.currency[i],
    channel: $cols.channel[i], reference: $cols.reference[i],
    sourceId: $sourceId, sourceLine: toInteger($cols.line[i])
  })-[:TO]->(b)
}
CALL (accounts) {
  UNWIND range(0, size($pairs.from) - 1) AS j
  WITH accounts[toInteger($pairs.from[j])] AS a, accounts[toInteger($pairs.to[j])] AS b, j,
       datetime($pairs.first[j]) AS first, datetime($pairs.last[j]) AS last
  MERGE (a)-[r:TRANSFERRED {currency: $pairs.extra[j]}]->(b)
    ON CREATE SET r.count = 0, r.totalMinor = 0, r.first = first, r.last = last
  SET r.count = r.count + toInteger($pairs.count[j]),
      r.totalMinor = r.totalMinor + toInteger($pairs.total[j]),
      r.first = CASE WHEN first < r.first THEN first ELSE r.first END,
      r.last = CASE WHEN last > r.last THEN last ELSE r.last END
}
RETURN size($cols.id) AS created
