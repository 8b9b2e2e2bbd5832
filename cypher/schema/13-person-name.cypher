// Index for people searched by name.
CREATE INDEX person_name IF NOT EXISTS
FOR (n:Person) ON (n.name)
