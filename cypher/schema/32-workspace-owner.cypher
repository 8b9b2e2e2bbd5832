// Saved investigations are listed by their owner.
CREATE INDEX workspace_owner IF NOT EXISTS
FOR (n:Workspace) ON (n.owner)
