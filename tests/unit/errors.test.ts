import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { translateError } from '../../server/db/executor';

function neo4jError(code: string): Neo4jError {
  return new Neo4jError('server said something with MATCH (n) in it', code, '', '');
}

describe('Neo4j errors become domain errors once', () => {
  it.each([
    ['ServiceUnavailable', 'database-unavailable', 503],
    ['SessionExpired', 'database-unavailable', 503],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'conflict', 409],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'query-timeout', 503],
    ['Neo.ClientError.Security.Unauthorized', 'database-unavailable', 503],
    ['Neo.TransientError.Transaction.DeadlockDetected', 'database-unavailable', 503],
    ['Neo.ClientError.Statement.SyntaxError', 'internal', 500],
  ])('%s -> %s (%i)', (code, kind, status) => {
    const translated = translateError(neo4jError(code), 'phones/byId');
    expect(translated).toMatchObject({ kind, status });
    // The user-facing message never carries the query text the server echoed.
    expect(translated.message).not.toMatch(/MATCH/);
  });
});
