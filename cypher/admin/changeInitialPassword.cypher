// Replaces the initial password of the local server's `neo4j` user (runs on the system database).
// @param $currentPassword   the password to replace
// @param $newPassword       the password Ringtrace generated and keeps in its data folder
ALTER CURRENT USER SET PASSWORD FROM $currentPassword TO $newPassword
