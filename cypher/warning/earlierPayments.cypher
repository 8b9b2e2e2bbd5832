// For each transfer, how many earlier transfers its payer sent to the same payee.
// @param $transfers   {id, from, to, time}
// @returns id, earlier
UNWIND $transfers AS t
OPTIONAL MATCH (:BankAccount {id: t.from})-[:SENT]->(e:Transfer)-[:TO]->(:BankAccount {id: t.to})
  WHERE e.time < datetime(t.time)
RETURN t.id AS id, count(e) AS earlier
