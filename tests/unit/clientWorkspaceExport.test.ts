/**
 * Exports of the view: GraphML with declared keys (as Gephi and Cytoscape Desktop read it),
 * CSV of nodes and links, JSON, and the SVG picture drawn from positions and looks.
 */
import { describe, expect, it } from 'vitest';
import { exportName } from '../../client/src/workspace/download';
import { escapeXml, toGraphml } from '../../client/src/workspace/export/graphml';
import type { ViewSnapshot } from '../../client/src/workspace/export/snapshot';
import { shapeElement, toSvg } from '../../client/src/workspace/export/svg';
import { csvField, edgesCsv, nodesCsv, toJson } from '../../client/src/workspace/export/tables';

const VIEW: ViewSnapshot = {
  nodes: [
    {
      data: {
        id: 'BankAccount:ICBC:1',
        type: 'BankAccount',
        entityId: 'ICBC:1',
        label: 'ICBC 1',
        ring: 'r1',
        role: 'mule',
        score: 0.5,
        heldMinor: 1200,
        currency: 'CNY',
      },
      position: { x: 0, y: 0 },
      color: '#e08e0b',
      shape: 'hexagon',
      size: 44,
    },
    {
      data: {
        id: 'Person:P<&>"1',
        type: 'Person',
        entityId: 'P<&>"1',
        label: 'Zhang, "Wei"',
        flagged: true,
      },
      position: { x: 200, y: 100 },
      color: '#5b8def',
      shape: 'ellipse',
      size: 28,
    },
  ],
  edges: [
    {
      data: {
        id: 'e1',
        source: 'Person:P<&>"1',
        target: 'BankAccount:ICBC:1',
        type: 'HOLDS',
        properties: { sourceId: 'abc', sourceLine: 7 },
      },
      width: 1,
    },
    {
      data: {
        id: 'e2',
        source: 'BankAccount:ICBC:1',
        target: 'Person:P<&>"1',
        type: 'TRANSFERRED',
        amountMinor: 5000,
        currency: 'CNY',
        count: 2,
        label: '50.00 CNY',
      },
      width: 3,
    },
  ],
};

describe('GraphML', () => {
  const xml = toGraphml(VIEW);

  it('declares every attribute as a typed key', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml xmlns="http:\/\/graphml.graphdrawing.org\/xmlns"/,
    );
    expect(xml).toContain('<key id="n_type" for="node" attr.name="type" attr.type="string"/>');
    expect(xml).toContain('<key id="n_score" for="node" attr.name="score" attr.type="double"/>');
    expect(xml).toContain(
      '<key id="n_flagged" for="node" attr.name="flagged" attr.type="boolean"/>',
    );
    expect(xml).toContain(
      '<key id="e_amountMinor" for="edge" attr.name="amountMinor" attr.type="long"/>',
    );
    expect(xml).toContain('<graph id="ringtrace" edgedefault="directed">');
    const used = new Set([...xml.matchAll(/<data key="([^"]+)">/g)].map((match) => match[1]));
    const declared = new Set([...xml.matchAll(/<key id="([^"]+)"/g)].map((match) => match[1]));
    for (const key of used) expect(declared.has(key), key).toBe(true);
  });

  it('writes nodes and links with their attributes, escaped', () => {
    expect(xml).toContain('<node id="Person:P&lt;&amp;&gt;&quot;1">');
    expect(xml).toContain('<data key="n_label">Zhang, &quot;Wei&quot;</data>');
    expect(xml).toContain('<data key="n_role">mule</data>');
    expect(xml).toContain('<data key="n_x">200</data>');
    expect(xml).toContain(
      '<edge id="e2" source="BankAccount:ICBC:1" target="Person:P&lt;&amp;&gt;&quot;1">',
    );
    expect(xml).toContain('<data key="e_amountMinor">5000</data>');
    expect(xml).toContain(
      '<data key="e_provenance">{&quot;sourceId&quot;:&quot;abc&quot;,&quot;sourceLine&quot;:7}</data>',
    );
    expect(xml.match(/<node /g)).toHaveLength(2);
    expect(xml.match(/<edge /g)).toHaveLength(2);
    expect(xml.trim().endsWith('</graphml>')).toBe(true);
  });

  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });
});

describe('CSV and JSON', () => {
  it('quotes fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('writes one row a node and one a link, with a header', () => {
    const nodes = nodesCsv(VIEW).split('\r\n');
    expect(nodes[0]).toBe(
      'id,type,entityId,label,score,ring,role,flagged,frozen,heldMinor,currency,time,x,y',
    );
    expect(nodes[1]).toBe(
      'BankAccount:ICBC:1,BankAccount,ICBC:1,ICBC 1,0.5,r1,mule,,,1200,CNY,,0,0',
    );
    expect(nodes[2]).toBe('"Person:P<&>""1",Person,"P<&>""1","Zhang, ""Wei""",,,,true,,,,,200,100');
    const edges = edgesCsv(VIEW).split('\r\n');
    expect(edges[0]).toBe(
      'id,source,target,type,amountMinor,tracedMinor,currency,count,time,first,last,provenance',
    );
    expect(edges[1]).toContain('HOLDS');
    expect(edges[1]).toContain('"{""sourceId"":""abc"",""sourceLine"":7}"');
    expect(edges).toHaveLength(4);
  });

  it('writes JSON with positions', () => {
    const parsed = JSON.parse(toJson(VIEW)) as {
      nodes: { id: string; x: number }[];
      edges: unknown[];
    };
    expect(parsed.nodes.map((node) => [node.id, node.x])).toEqual([
      ['BankAccount:ICBC:1', 0],
      ['Person:P<&>"1', 200],
    ]);
    expect(parsed.edges).toHaveLength(2);
  });
});

describe('SVG', () => {
  it('draws every node in its shape and every link, inside a view box around them', () => {
    const svg = toSvg(VIEW, 'Case 12');
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<title>Case 12</title>');
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain('<circle cx="200" cy="100" r="14" fill="#5b8def"');
    expect(svg).toContain('>Zhang, &quot;Wei&quot;</text>');
    expect(svg).toContain('>50.00 CNY</text>');
    expect(svg).toMatch(/viewBox="-62 -62 /);
  });

  it('draws the kinds’ shapes', () => {
    const at = {
      position: { x: 0, y: 0 },
      size: 20,
      color: '#000',
      data: VIEW.nodes[0]?.data ?? ({} as never),
    };
    expect(shapeElement({ ...at, shape: 'hexagon' })).toMatch(/^<polygon points="(\S+ ){5}\S+"/);
    expect(shapeElement({ ...at, shape: 'diamond' })).toMatch(/^<polygon points="(\S+ ){3}\S+"/);
    expect(shapeElement({ ...at, shape: 'star' })).toMatch(/^<polygon points="(\S+ ){9}\S+"/);
    expect(shapeElement({ ...at, shape: 'round-rectangle' })).toMatch(/^<rect /);
  });

  it('names exports by view and time', () => {
    expect(exportName('graphml', 'Refund ring / Oct', new Date('2026-10-03T01:02:03Z'))).toBe(
      'ringtrace-Refund-ring-Oct-2026-10-03-01-02-03.graphml',
    );
    expect(exportName('png', '', new Date('2026-10-03T01:02:03Z'))).toBe(
      'ringtrace-view-2026-10-03-01-02-03.png',
    );
  });
});
