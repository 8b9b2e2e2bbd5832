// One alert.
// @param $id   the alert id
// @returns alert
MATCH (a:Alert {id: $id})
RETURN a {.*} AS alert
