// Range index on Alert.createdAt: the dashboard's window and the escalation of old alerts.
CREATE INDEX alert_created_at IF NOT EXISTS
FOR (n:Alert) ON (n.createdAt)
