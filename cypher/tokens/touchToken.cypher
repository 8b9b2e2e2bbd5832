// Records when a token was last used.
// @param $id   public id of the token
MATCH (t:ApiToken {id: $id})
SET t.lastUsedAt = datetime()
