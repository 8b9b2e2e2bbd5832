// Uniqueness of a saved investigation (workspace), by its id.
CREATE CONSTRAINT workspace_id IF NOT EXISTS
FOR (n:Workspace) REQUIRE n.id IS UNIQUE
