/** The view as data: JSON (nodes and links with positions) and CSV (one file each). */
import { plainText } from '../model';
import { EDGE_FIELDS, NODE_FIELDS, type ViewSnapshot } from './snapshot';

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const textValue = plainText(value);
  return /[",\r\n]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
}

function csv(header: readonly string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function nodesCsv(view: ViewSnapshot): string {
  return csv(
    [...NODE_FIELDS, 'x', 'y'],
    view.nodes.map((node) => {
      const data = node.data as unknown as Record<string, unknown>;
      return [...NODE_FIELDS.map((field) => data[field]), node.position.x, node.position.y];
    }),
  );
}

export function edgesCsv(view: ViewSnapshot): string {
  return csv(
    [...EDGE_FIELDS, 'provenance'],
    view.edges.map((edge) => {
      const data = edge.data as unknown as Record<string, unknown>;
      return [...EDGE_FIELDS.map((field) => data[field]), edge.data.properties ?? ''];
    }),
  );
}

export function toJson(view: ViewSnapshot): string {
  return JSON.stringify(
    {
      format: 'ringtrace-view',
      version: 1,
      nodes: view.nodes.map((node) => ({ ...node.data, x: node.position.x, y: node.position.y })),
      edges: view.edges.map((edge) => edge.data),
    },
    null,
    2,
  );
}
