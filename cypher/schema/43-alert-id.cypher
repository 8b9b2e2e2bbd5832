// Uniqueness of the id of Alert: one alert a rule, subject and day.
CREATE CONSTRAINT alert_id IF NOT EXISTS
FOR (n:Alert) REQUIRE n.id IS UNIQUE
