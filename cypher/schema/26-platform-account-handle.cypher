// Index for finding a platform account by its handle on any platform.
CREATE INDEX platform_account_handle IF NOT EXISTS
FOR (n:PlatformAccount) ON (n.handle)
