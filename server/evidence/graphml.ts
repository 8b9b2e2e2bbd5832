/**
 * The bundle's graph as GraphML (Gephi, Cytoscape Desktop, Neo4j read it): identities as nodes
 * with kind, label, role, score, reasons and chart position; each record and each stated link as
 * an edge with its times, amounts and source.
 */
import type { EvidenceFacts, SourceRef } from './model';
import { xmlAttributes, xmlText } from './xml';

type KeyType = 'string' | 'double' | 'long';

const NODE_KEYS: readonly [string, KeyType][] = [
  ['type', 'string'],
  ['label', 'string'],
  ['role', 'string'],
  ['score', 'double'],
  ['reasons', 'string'],
  ['x', 'double'],
  ['y', 'double'],
];
const EDGE_KEYS: readonly [string, KeyType][] = [
  ['kind', 'string'],
  ['recordId', 'string'],
  ['time', 'string'],
  ['timeOffset', 'string'],
  ['amountMinor', 'long'],
  ['currency', 'string'],
  ['tracedMinor', 'long'],
  ['durationSeconds', 'long'],
  ['sourceOrganisation', 'string'],
  ['sourceFile', 'string'],
  ['sourceLine', 'long'],
  ['sourceFileSha256', 'string'],
];

type Value = string | number | null | undefined;

function data(prefix: string, values: Record<string, Value>): string[] {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `      <data key="${prefix}_${key}">${xmlText(value)}</data>`);
}

function sourceData(source: SourceRef | null): Record<string, Value> {
  return source
    ? {
        sourceOrganisation: source.organisation,
        sourceFile: source.fileName,
        sourceLine: source.line,
        sourceFileSha256: source.fileSha256,
      }
    : {};
}

export function toGraphml(facts: Pick<EvidenceFacts, 'nodes' | 'events' | 'links'>): string {
  const keys = [
    ...NODE_KEYS.map(
      ([name, type]) =>
        `  <key${xmlAttributes({ id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type })}/>`,
    ),
    ...EDGE_KEYS.map(
      ([name, type]) =>
        `  <key${xmlAttributes({ id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type })}/>`,
    ),
  ];
  const nodes = facts.nodes.flatMap((node) => [
    `    <node${xmlAttributes({ id: node.key })}>`,
    ...data('n', {
      type: node.type,
      label: node.label,
      role: node.role,
      score: node.score,
      reasons: node.reasons.join('; '),
      x: node.position?.x,
      y: node.position?.y,
    }),
    '    </node>',
  ]);
  const events = facts.events.flatMap((event, index) => [
    `    <edge${xmlAttributes({ id: `r${index}`, source: event.from, target: event.to })}>`,
    ...data('e', {
      kind: event.kind,
      recordId: event.id,
      time: event.at,
      timeOffset: event.offset,
      amountMinor: event.amountMinor,
      currency: event.currency,
      tracedMinor: event.tracedMinor,
      durationSeconds: event.durationSeconds,
      ...sourceData(event.source),
    }),
    '    </edge>',
  ]);
  const links = facts.links.flatMap((link, index) => [
    `    <edge${xmlAttributes({ id: `l${index}`, source: link.from, target: link.to })}>`,
    ...data('e', { kind: link.type, ...sourceData(link.source) }),
    '    </edge>',
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys,
    '  <graph id="evidence" edgedefault="directed">',
    ...nodes,
    ...events,
    ...links,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
