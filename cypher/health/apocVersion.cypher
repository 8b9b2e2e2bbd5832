// Version of APOC; run only when apoc.version exists.
// @returns version
RETURN apoc.version() AS version
