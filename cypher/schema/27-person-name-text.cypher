// Text index for finding people by part of their name.
CREATE TEXT INDEX person_name_text IF NOT EXISTS
FOR (n:Person) ON (n.name)
