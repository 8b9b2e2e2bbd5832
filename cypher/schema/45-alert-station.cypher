// Range index on Alert.stationId: a station officer's inbox.
CREATE INDEX alert_station IF NOT EXISTS
FOR (n:Alert) ON (n.stationId)
