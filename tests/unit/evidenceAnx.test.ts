/**
 * The ANX chart, GraphML and CSV of a bundle: well-formed XML whose entities and links are those
 * of the chart, every value escaped, positions and attributes carried over.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ANX_ENTITY_TYPES, toAnx } from '../../server/evidence/anx';
import { toGraphml } from '../../server/evidence/graphml';
import { chartLinks } from '../../server/evidence/model';
import { linksCsv, nodesCsv } from '../../server/evidence/tables';
import { constructedCase } from './evidenceCase';

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

interface AnxItem {
  '@_Label': string;
  '@_XPosition'?: string;
  '@_DateTime'?: string;
  End?: {
    '@_Y': string;
    Entity: { '@_EntityId': string; Icon: { IconStyle: { '@_Type': string } } };
  };
  Link?: { '@_End1Id': string; '@_End2Id': string; LinkStyle: { '@_Type': string } };
  AttributeCollection?: { Attribute: { '@_AttributeClass': string; '@_Value': string }[] };
}

function parseAnx(xml: string) {
  const parser = new XMLParser({ ignoreAttributes: false, parseAttributeValue: false });
  const chart = (parser.parse(xml) as { Chart: Record<string, unknown> }).Chart;
  const items = asArray(
    (chart.ChartItemCollection as { ChartItem: AnxItem | AnxItem[] }).ChartItem,
  );
  return { chart, items };
}

describe('ANX (i2 Analyst’s Notebook)', () => {
  const facts = constructedCase();
  const xml = toAnx(facts);

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has one entity per node, of its kind, at its chart position, and escapes every value', () => {
    const { items, chart } = parseAnx(xml);
    const entities = items.filter((item) => item.End);
    expect(entities.map((item) => item.End?.Entity['@_EntityId']).sort()).toEqual(
      facts.nodes.map((node) => node.key).sort(),
    );
    const mule = entities.find(
      (item) => item.End?.Entity['@_EntityId'] === 'BankAccount:ICBC:6222000033334444',
    );
    // The label survives escaping unchanged (the parser decodes the entities).
    expect(mule?.['@_Label']).toBe('李娜 <mule> & "co"');
    expect(xml).toContain('Label="李娜 &lt;mule&gt; &amp; &quot;co&quot;"');
    expect(mule?.['@_XPosition']).toBe('200');
    expect(mule?.End?.['@_Y']).toBe('0');
    expect(mule?.End?.Entity.Icon.IconStyle['@_Type']).toBe(ANX_ENTITY_TYPES.BankAccount?.name);
    const attributes = Object.fromEntries(
      asArray(mule?.AttributeCollection?.Attribute).map((a) => [
        a['@_AttributeClass'],
        a['@_Value'],
      ]),
    );
    expect(attributes).toMatchObject({ Role: 'mule', Score: '0.82' });
    const types = asArray(
      (chart.EntityTypeCollection as { EntityType: { '@_Name': string }[] }).EntityType,
    ).map((type) => type['@_Name']);
    expect(types.sort()).toEqual(
      ['Person', 'Bank account', 'Phone number', 'Reported case'].sort(),
    );
  });

  it('has one link per pair and kind, with its count, amount, traced money and dates', () => {
    const { items } = parseAnx(xml);
    const links = items.filter((item) => item.Link);
    expect(links).toHaveLength(chartLinks(facts).length);
    const first = links.find(
      (item) =>
        item.Link?.['@_End1Id'] === 'BankAccount:ICBC:6222000011112222' &&
        item.Link['@_End2Id'] === 'BankAccount:ICBC:6222000033334444',
    );
    expect(first?.Link?.LinkStyle['@_Type']).toBe('Transfer');
    expect(first?.['@_DateTime']).toBe('2026-10-01T02:10:00.000');
    const attributes = Object.fromEntries(
      asArray(first?.AttributeCollection?.Attribute).map((a) => [
        a['@_AttributeClass'],
        a['@_Value'],
      ]),
    );
    expect(attributes).toMatchObject({
      Records: '1',
      Amount: '50000.00',
      Currency: 'CNY',
      'Traced amount': '50000.00',
      Sources: 'ICBC transfers-2026-10.csv line 17',
    });
  });

  it('drops characters XML cannot hold instead of writing a broken file', () => {
    const [first, ...rest] = facts.nodes;
    const broken = toAnx({
      ...facts,
      nodes: [{ ...first!, label: 'bad\u0001\u0008 name \uD800 ]]> <x/>' }, ...rest],
    });
    expect(XMLValidator.validate(broken)).toBe(true);
  });
});

describe('GraphML and CSV', () => {
  const facts = constructedCase();

  it('GraphML is well-formed and holds every record with its source', () => {
    const xml = toGraphml(facts);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<data key="e_sourceFile">transfers-2026-10.csv</data>');
    expect(xml.match(/<edge /g)).toHaveLength(facts.events.length + facts.links.length);
  });

  it('CSV has a row per node and per record or link, each with its source file and hash', () => {
    const nodes = nodesCsv(facts)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(nodes).toHaveLength(facts.nodes.length + 1);
    expect(nodes.some((line) => line.startsWith('Person:VICTIM1,Person,VICTIM1,张伟'))).toBe(true);
    expect(nodes.join('\n')).toContain('"李娜 <mule> & ""co"""');
    const links = linksCsv(facts)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(links).toHaveLength(facts.events.length + facts.links.length + 1);
    expect(links.find((line) => line.includes('ICBC:T-1001'))).toContain(
      `ICBC,transfers-2026-10.csv,17,T-1001,${'a'.repeat(64)}`,
    );
  });
});
