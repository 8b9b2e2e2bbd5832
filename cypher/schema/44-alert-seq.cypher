// Range index on Alert.seq: the alert stream resumes after the last change a client saw.
CREATE INDEX alert_seq IF NOT EXISTS
FOR (n:Alert) ON (n.seq)
