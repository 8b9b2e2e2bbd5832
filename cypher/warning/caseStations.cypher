// Stations known to Ringtrace (where cases were reported), by id.
// @returns id, name
MATCH (st:Station)
RETURN st.id AS id, st.name AS name
ORDER BY st.id
