import { totalmem } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, PROJECT_ROOT, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('defaults to the local Neo4j with data under .ringtrace/', () => {
    const config = loadConfig({});
    expect(config.port).toBe(DEFAULTS.port);
    expect(config.database).toBe('neo4j');
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, '.ringtrace', 'data'));
    expect(config.neo4j).toMatchObject({
      kind: 'local',
      boltPort: 7687,
      homeDir: path.join(PROJECT_ROOT, '.ringtrace', 'data', 'neo4j'),
    });
  });

  it('connects to the server named by NEO4J_URI instead, for every supported scheme', () => {
    for (const uri of [
      'bolt://db:7687',
      'neo4j://cluster:7687',
      'neo4j+s://abc.databases.example',
    ]) {
      const config = loadConfig({
        NEO4J_URI: uri,
        NEO4J_USER: 'analyst',
        NEO4J_PASSWORD: 'secret',
      });
      expect(config.neo4j).toEqual({ kind: 'remote', uri, user: 'analyst', password: 'secret' });
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_URI: 'http://db:7474', NEO4J_PASSWORD: 'x' }, 'NEO4J_URI'],
    [{ NEO4J_URI: 'not a uri' }, 'NEO4J_URI'],
    [{ NEO4J_URI: 'bolt://db:7687' }, 'NEO4J_PASSWORD'],
    [{ NEO4J_DATABASE: 'no spaces allowed' }, 'NEO4J_DATABASE'],
    [{ NEO4J_HEAP: 'lots' }, 'NEO4J_HEAP'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ANALYSIS_HEAP_MB: '12g' }, 'ANALYSIS_HEAP_MB'],
    [{ ANALYSIS_HEAP_MB: '100' }, 'ANALYSIS_HEAP_MB'],
  ])('refuses %o with an error naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toMatch(new RegExp(`^${variable}: `));
  });

  it('gives the analysis half the memory, at least 4 GiB, unless ANALYSIS_HEAP_MB says', () => {
    const half = Math.floor(totalmem() / 2 / 2 ** 20);
    expect(loadConfig({}).analysisHeapMegabytes).toBe(Math.max(4096, half));
    expect(loadConfig({ ANALYSIS_HEAP_MB: '8192' }).analysisHeapMegabytes).toBe(8192);
  });

  it('trusts no proxy unless TRUST_PROXY names one, and refuses a value it cannot use', () => {
    expect(loadConfig({}).security.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).security.trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).security.trustProxy).toBe(
      '10.0.0.5, 10.1.0.0/16',
    );
    expect(loadConfig({ TRUST_PROXY: '1' }).security.trustProxy).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps the audit signing key outside the database, in the data folder unless told', () => {
    const config = loadConfig({ RINGTRACE_DATA_DIR: '/srv/ringtrace' });
    expect(config.auditAnchor).toEqual({
      keyFile: '/srv/ringtrace/audit-key/ed25519.pem',
      checkpointDir: '/srv/ringtrace/audit-checkpoints',
    });
    expect(
      loadConfig({ AUDIT_SIGNING_KEY_FILE: '/run/secrets/audit.pem' }).auditAnchor.keyFile,
    ).toBe('/run/secrets/audit.pem');
  });

  it('resolves a relative data folder against the project root', () => {
    const config = loadConfig({ RINGTRACE_DATA_DIR: 'elsewhere/data' });
    expect(config.dataDir).toBe(path.join(PROJECT_ROOT, 'elsewhere', 'data'));
  });
});
