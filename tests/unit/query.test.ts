import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllQueries } from '../../server/db/database';
import {
  QueryFileError,
  compactQueryText,
  declaredParameters,
  defineQuery,
  labelledTextKey,
  loadQueries,
  usedParameters,
} from '../../server/db/query';
import { schemaObjectName } from '../../server/db/schema';

function cypherDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ringtrace-cypher-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const byId = defineQuery<{ id: string }, { id: string }>('phones/byId', 'read');
const BY_ID =
  '// One phone.\n// @param $id  E.164\nMATCH (p:PhoneNumber {id: $id}) RETURN p.id AS id\n';

describe('query files', () => {
  it('every Ringtrace query file has a definition and a header that matches its body', () => {
    const { texts, schema } = loadAllQueries();
    expect(texts.size).toBeGreaterThan(schema.length);
    expect(schema.map((statement) => schemaObjectName(texts.get(statement.name) ?? ''))).toContain(
      'phone_number_id',
    );
  });

  it('loads a file whose header declares exactly the parameters it uses', () => {
    const texts = loadQueries(cypherDir({ 'phones/byId.cypher': BY_ID }), [byId]);
    expect(texts.get('phones/byId')).toBe('MATCH (p:PhoneNumber {id: $id}) RETURN p.id AS id');
  });

  it('sends the query without its comment lines, indentation and blank lines', () => {
    const text =
      '// Numbers.\n// @param $ids  ids\nUNWIND $ids AS id\n\n  // one at a time\n' +
      "  MATCH (p:PhoneNumber {id: id}) // by id\n  RETURN p.id + ' // ' AS id\n";
    expect(compactQueryText(text)).toBe(
      "UNWIND $ids AS id\nMATCH (p:PhoneNumber {id: id}) // by id\nRETURN p.id + ' // ' AS id",
    );
    const spanning = "RETURN 'two\n  lines' AS text\n";
    expect(compactQueryText(spanning)).toBe(spanning);
  });

  it('prepares a labelled query once per label, with the label written in', () => {
    const byLabel = defineQuery<{ kind: string; id: string }, { id: string }>('byLabel', 'read', {
      labelParam: { name: 'kind', labels: ['PhoneNumber', 'SIM'] },
    });
    const text =
      '// @param $kind  label\n// @param $id  id\nMATCH (n:$($kind) {id: $id}) RETURN n.id AS id';
    const texts = loadQueries(cypherDir({ 'byLabel.cypher': text }), [byLabel]);
    expect([...texts.entries()]).toEqual([
      [
        labelledTextKey('byLabel', 'PhoneNumber'),
        'MATCH (n:PhoneNumber {id: $id}) RETURN n.id AS id',
      ],
      [labelledTextKey('byLabel', 'SIM'), 'MATCH (n:SIM {id: $id}) RETURN n.id AS id'],
    ]);
    const unused = '// @param $kind  label\nMATCH (n) WHERE $kind IN labels(n) RETURN n';
    expect(() => loadQueries(cypherDir({ 'byLabel.cypher': unused }), [byLabel])).toThrow(
      /does not use its label parameter :\$\(\$kind\)/,
    );
    const odd = defineQuery<{ kind: string }, never>('byLabel', 'read', {
      labelParam: { name: 'kind', labels: ['Phone`Number'] },
    });
    expect(() => loadQueries(cypherDir({ 'byLabel.cypher': text }), [odd])).toThrow(
      /not a plain label name/,
    );
  });

  it('fails at once when a file is missing', () => {
    expect(() => loadQueries(cypherDir({}), [byId])).toThrow(
      /cypher\/phones\/byId\.cypher is missing/,
    );
  });

  it('fails when a file has no definition', () => {
    const dir = cypherDir({ 'phones/byId.cypher': BY_ID, 'phones/stray.cypher': 'RETURN 1' });
    expect(() => loadQueries(dir, [byId])).toThrow(/without a definition: cypher\/phones\/stray/);
  });

  it('fails when header and body disagree about parameters', () => {
    const dir = cypherDir({
      'phones/byId.cypher':
        '// @param $id\n// @param $limit\nMATCH (p {id: $id, x: $other}) RETURN p',
    });
    expect(() => loadQueries(dir, [byId])).toThrow(QueryFileError);
    expect(() => loadQueries(dir, [byId])).toThrow(/not declared: \$other.*not used: \$limit/);
  });

  it('ignores dollar signs in comments and string literals', () => {
    const text = "// costs $5\nMATCH (a) WHERE a.note = 'pay $100' RETURN a, $real";
    expect([...usedParameters(text)]).toEqual(['real']);
    expect([...declaredParameters('// @param $real the value')]).toEqual(['real']);
  });
});
