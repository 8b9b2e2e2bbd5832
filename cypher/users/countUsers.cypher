// How many users there are, and how many active administrators.
// @returns total, activeAdministrators
MATCH (u:User)
RETURN count(u) AS total,
       count(CASE WHEN u.role = 'administrator' AND NOT u.disabled THEN 1 END) AS activeAdministrators
