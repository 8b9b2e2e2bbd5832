// Range index on StopRequest.seq: a bank's system polls the changes after the last it saw.
CREATE INDEX stop_request_seq IF NOT EXISTS
FOR (n:StopRequest) ON (n.seq)
