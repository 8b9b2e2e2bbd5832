import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ENTITY_TYPES,
  NODE_LABELS,
  NODES,
  REL_TYPES,
  RELATIONSHIPS,
  type NodeLabel,
  type NodeSpec,
  type RelSpec,
} from '../../server/contract/graph';
import { EXPANSION_RULES, NEIGHBOUR_TYPES } from '../../server/services/expand';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

/** The statements of `cypher/schema/`, comment lines left out. */
function schemaStatements(): string[] {
  return readdirSync(new URL('cypher/schema/', root))
    .filter((name) => name.endsWith('.cypher'))
    .map((name) =>
      read(`cypher/schema/${name}`)
        .split('\n')
        .filter((line) => !line.startsWith('//'))
        .join(' '),
    );
}

/** `Label.property` of each uniqueness constraint, and of each index. */
function schemaKeys() {
  const unique: string[] = [];
  const indexed: string[] = [];
  for (const text of schemaStatements()) {
    const constraint = /FOR \(n:(\w+)\) REQUIRE n\.(\w+) IS UNIQUE/.exec(text);
    const index = /INDEX \w+ IF NOT EXISTS\s+FOR \(n:(\w+)\) ON \(n\.(\w+)\)/.exec(text);
    if (constraint) unique.push(`${constraint[1]}.${constraint[2]}`);
    else if (index) indexed.push(`${index[1]}.${index[2]}`);
    else throw new Error(`A schema statement of a form this test does not know: ${text}`);
  }
  return { unique, indexed };
}

/** The README's "The graph schema" section. */
function readmeSection(): string {
  const readme = read('README.md');
  const start = readme.indexOf('### The graph schema');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n#', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

const code = (name: string) => `\`${name}\``;

/** The README's table of labels, as the model gives it. */
function labelTable(): string {
  const rows = NODE_LABELS.map((label) => {
    const spec: NodeSpec = NODES[label];
    const name = [label, ...(spec.extraLabels ?? [])].map(code).join(' +');
    const keys = [spec.key, ...(spec.alsoUnique ?? [])].map(code).join(', ');
    return `| ${name} | ${keys} | ${spec.kind} | ${spec.lookup ? 'yes' : ''} |`;
  });
  return ['| Label | Key | Kind | Look up |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README's table of relationship types, as the model gives it. */
function relationshipTable(): string {
  const rows = REL_TYPES.map((type) => {
    const spec: RelSpec = RELATIONSHIPS[type];
    const ends = new Map<NodeLabel, NodeLabel[]>();
    for (const [from, to] of spec.ends) ends.set(from, [...(ends.get(from) ?? []), to]);
    const shown = [...ends].map(([from, tos]) => `${code(from)} → ${tos.map(code).join(' / ')}`);
    return `| ${code(type)} | ${spec.kind} | ${shown.join(', ')} |`;
  });
  return ['| Type | Kind | From → to |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('the graph model', () => {
  it('has one uniqueness constraint in cypher/schema/ per label and key, and no other', () => {
    const expected = NODE_LABELS.flatMap((label) => {
      const spec: NodeSpec = NODES[label];
      return [spec.key, ...(spec.alsoUnique ?? [])].map((key) => `${label}.${key}`);
    });
    expect(schemaKeys().unique.sort()).toEqual(expected.sort());
  });

  it('indexes only labels of the model', () => {
    for (const key of schemaKeys().indexed) {
      expect(NODE_LABELS).toContain(key.slice(0, key.indexOf('.')));
    }
  });

  it('is what the README describes: every label, relationship type and index', () => {
    const section = readmeSection();
    expect(section).toContain(labelTable());
    expect(section).toContain(relationshipTable());
    for (const key of schemaKeys().indexed) expect(section).toContain(code(key));
  });

  it('counts in the graph summary every identity, event and source label', () => {
    const summary = read('cypher/graph/graphSummary.cypher');
    const counted = [...summary.matchAll(/MATCH \(n:(\w+)\)/g)].map((match) => match[1]);
    expect(counted).toEqual(
      NODE_LABELS.filter((label) =>
        ['identity', 'event', 'provenance'].includes(NODES[label].kind),
      ),
    );
  });

  it('expands identities and records only, never bookkeeping', () => {
    for (const type of REL_TYPES) {
      const bookkeeping = ['analysis', 'app'].includes(RELATIONSHIPS[type].kind);
      expect(EXPANSION_RULES[type] === 'never', type).toBe(bookkeeping);
    }
    expect(NEIGHBOUR_TYPES).toEqual(
      NODE_LABELS.filter((label) => ['identity', 'event'].includes(NODES[label].kind)),
    );
    for (const type of ENTITY_TYPES) expect(NEIGHBOUR_TYPES).toContain(type);
  });
});
