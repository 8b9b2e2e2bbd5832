// Range index on AnalysisRun.startedAt: runs listed newest first.
CREATE INDEX analysis_run_started_at IF NOT EXISTS
FOR (n:AnalysisRun) ON (n.startedAt)
