// Tests only: creates a person.
// @param $id     domain id
// @param $name   full name
CREATE (:Person {id: $id, name: $name})
