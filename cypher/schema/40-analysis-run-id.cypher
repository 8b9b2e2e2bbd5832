// Uniqueness of the id of AnalysisRun: one run of ring analysis.
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS
FOR (n:AnalysisRun) REQUIRE n.id IS UNIQUE
