// Index for reports in a time window.
CREATE INDEX case_reported_at IF NOT EXISTS
FOR (n:Case) ON (n.reportedAt)
