// Writes a batch of a run's rings, each linked from the run.
// @param $runId   the run id
// @param $rings   rings {id, ring, rank, typology, community, score, size, reasons}
// @returns written
MATCH (r:AnalysisRun {id: $runId})
UNWIND $rings AS ring
CREATE (r)-[:FOUND]->(:Ring {
  id: ring.id, run: $runId, ring: ring.ring, rank: ring.rank, typology: ring.typology,
  community: ring.community,
  score: ring.score, size: ring.size, reasons: ring.reasons
})
RETURN count(*) AS written
