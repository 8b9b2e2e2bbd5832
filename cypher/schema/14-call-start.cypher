// Index for calls in a time window.
CREATE INDEX call_start IF NOT EXISTS
FOR (n:Call) ON (n.start)
