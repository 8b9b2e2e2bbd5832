// Range index on StopRequest.status: open requests, holds about to end, holds to lapse.
CREATE INDEX stop_request_status IF NOT EXISTS
FOR (n:StopRequest) ON (n.status)
