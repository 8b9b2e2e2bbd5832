// The latest record time of any alert's events: the watch state's "now" after a restart.
// @returns at
MATCH (a:Alert)
RETURN toString(max(a.lastEventAt)) AS at
