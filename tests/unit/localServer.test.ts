import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../../server/errors';
import { findJava, parseJavaMajor } from '../../server/neo4j/java';
import { assertPortFree, renderConf } from '../../server/neo4j/localServer';

describe('neo4j.conf rendering', () => {
  it('fills every placeholder', () => {
    expect(
      renderConf('port={{boltPort}}\nhome={{homeDir}}', { boltPort: '7687', homeDir: '/x' }),
    ).toBe('port=7687\nhome=/x');
  });

  it('refuses a placeholder without a value', () => {
    expect(() => renderConf('size={{pageCache}}', {})).toThrow(/\{\{pageCache\}\}/);
  });
});

describe('Java detection', () => {
  it('reads the major version from java -version', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('no version here')).toBeUndefined();
  });

  it('finds a Java that Neo4j 5.26 accepts on this machine', () => {
    expect([17, 21]).toContain(findJava(undefined).major);
  });
});

describe('Bolt port check', () => {
  it('says the port is taken and what to do about it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(assertPortFree(port)).rejects.toBeInstanceOf(StartupError);
      await expect(assertPortFree(port)).rejects.toThrow(/NEO4J_URI/);
    } finally {
      blocker.close();
    }
  });
});
