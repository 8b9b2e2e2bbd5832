// Index for transfers in a time window.
CREATE INDEX transfer_time IF NOT EXISTS
FOR (n:Transfer) ON (n.time)
