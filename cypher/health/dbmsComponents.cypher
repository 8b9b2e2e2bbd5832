// Name, version and edition of the Neo4j server.
// @returns name, versions, edition
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
