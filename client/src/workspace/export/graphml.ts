/**
 * GraphML of the view, as Gephi and Cytoscape Desktop read it: every attribute declared as a
 * `<key>` with its type, nodes with their kind, label, ring, role, score and position, links
 * with their type, amounts, counts, times and the provenance the API returned.
 */
import { plainText } from '../model';
import { EDGE_FIELDS, NODE_FIELDS, type ViewSnapshot } from './snapshot';

type GraphmlType = 'string' | 'double' | 'long' | 'boolean';

const NODE_TYPES: Record<string, GraphmlType> = {
  score: 'double',
  flagged: 'boolean',
  frozen: 'boolean',
  heldMinor: 'long',
};
const EDGE_TYPES: Record<string, GraphmlType> = {
  amountMinor: 'long',
  tracedMinor: 'long',
  count: 'long',
};

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => {
    switch (char) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

function keyLines(
  scope: 'node' | 'edge',
  prefix: string,
  fields: readonly string[],
  types: Record<string, GraphmlType>,
): string[] {
  return fields.map(
    (field) =>
      `  <key id="${prefix}_${field}" for="${scope}" attr.name="${field}" attr.type="${types[field] ?? 'string'}"/>`,
  );
}

function dataLine(prefix: string, field: string, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const textValue = plainText(value);
  return `      <data key="${prefix}_${field}">${escapeXml(textValue)}</data>`;
}

/** The view as a GraphML document (directed). */
export function toGraphml(view: ViewSnapshot): string {
  const nodeFields = NODE_FIELDS.filter((field) => field !== 'id');
  const edgeFields = EDGE_FIELDS.filter(
    (field) => field !== 'id' && field !== 'source' && field !== 'target',
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns ' +
      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keyLines('node', 'n', nodeFields, NODE_TYPES),
    '  <key id="n_x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="n_y" for="node" attr.name="y" attr.type="double"/>',
    ...keyLines('edge', 'e', edgeFields, EDGE_TYPES),
    '  <key id="e_provenance" for="edge" attr.name="provenance" attr.type="string"/>',
    '  <graph id="ringtrace" edgedefault="directed">',
  ];
  for (const node of view.nodes) {
    lines.push(`    <node id="${escapeXml(node.data.id)}">`);
    const data = node.data as unknown as Record<string, unknown>;
    for (const field of nodeFields) {
      const line = dataLine('n', field, data[field]);
      if (line) lines.push(line);
    }
    lines.push(`      <data key="n_x">${node.position.x}</data>`);
    lines.push(`      <data key="n_y">${node.position.y}</data>`);
    lines.push('    </node>');
  }
  for (const edge of view.edges) {
    const { id, source, target } = edge.data;
    lines.push(
      `    <edge id="${escapeXml(id)}" source="${escapeXml(source)}" target="${escapeXml(target)}">`,
    );
    const data = edge.data as unknown as Record<string, unknown>;
    for (const field of edgeFields) {
      const line = dataLine('e', field, data[field]);
      if (line) lines.push(line);
    }
    const provenance = edge.data.properties
      ? dataLine('e', 'provenance', edge.data.properties)
      : null;
    if (provenance) lines.push(provenance);
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
