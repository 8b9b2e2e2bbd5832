// Range index on StopRequest.accountId: an account's requests, and the workspace's hold marks.
CREATE INDEX stop_request_account IF NOT EXISTS
FOR (n:StopRequest) ON (n.accountId)
