// Version of the Graph Data Science library; run only when gds.version exists.
// @returns version
RETURN gds.version() AS version
