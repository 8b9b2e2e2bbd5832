// Which of the GDS and APOC version functions the server offers (present when the plugin loaded).
// @returns names
SHOW FUNCTIONS YIELD name
WHERE name IN ['gds.version', 'apoc.version']
RETURN collect(name) AS names
