// Index for expiring idle sessions.
CREATE INDEX session_last_seen IF NOT EXISTS
FOR (n:Session) ON (n.lastSeen)
