/**
 * An SVG picture of the view from node positions and looks: links as lines with arrows (width
 * by amount or count), nodes in their kind's shape and colour, labels below. Pure, so the picture
 * is the same whatever renderer drew the canvas.
 */
import { escapeXml } from './graphml';
import type { SnapshotNode, ViewSnapshot } from './snapshot';

const PADDING = 40;

function polygon(cx: number, cy: number, r: number, sides: number, rotation = -Math.PI / 2) {
  const points: string[] = [];
  for (let i = 0; i < sides; i += 1) {
    const angle = rotation + (i * 2 * Math.PI) / sides;
    points.push(`${round(cx + r * Math.cos(angle))},${round(cy + r * Math.sin(angle))}`);
  }
  return points.join(' ');
}

function star(cx: number, cy: number, r: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? r : r * 0.45;
    points.push(`${round(cx + radius * Math.cos(angle))},${round(cy + radius * Math.sin(angle))}`);
  }
  return points.join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** One node's shape as an SVG element. */
export function shapeElement(node: SnapshotNode): string {
  const { x, y } = node.position;
  const r = node.size / 2;
  const paint = `fill="${escapeXml(node.color)}" stroke="#ffffff" stroke-width="1"`;
  switch (node.shape) {
    case 'ellipse':
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" ${paint}/>`;
    case 'rectangle':
    case 'round-rectangle':
    case 'barrel':
    case 'tag':
    case 'rhomboid':
      return `<rect x="${round(x - r)}" y="${round(y - r)}" width="${round(2 * r)}" height="${round(2 * r)}" rx="${node.shape === 'rectangle' ? 0 : round(r / 4)}" ${paint}/>`;
    case 'diamond':
      return `<polygon points="${polygon(x, y, r, 4)}" ${paint}/>`;
    case 'triangle':
    case 'round-triangle':
    case 'vee':
      return `<polygon points="${polygon(x, y, r, 3)}" ${paint}/>`;
    case 'pentagon':
      return `<polygon points="${polygon(x, y, r, 5)}" ${paint}/>`;
    case 'hexagon':
      return `<polygon points="${polygon(x, y, r, 6, 0)}" ${paint}/>`;
    case 'octagon':
      return `<polygon points="${polygon(x, y, r, 8, Math.PI / 8)}" ${paint}/>`;
    case 'star':
      return `<polygon points="${star(x, y, r)}" ${paint}/>`;
    default:
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" ${paint}/>`;
  }
}

/** The view as a standalone SVG document. */
export function toSvg(view: ViewSnapshot, title = 'Ringtrace view'): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of view.nodes) {
    const r = node.size / 2;
    minX = Math.min(minX, node.position.x - r);
    minY = Math.min(minY, node.position.y - r);
    maxX = Math.max(maxX, node.position.x + r);
    maxY = Math.max(maxY, node.position.y + r + 16);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const width = round(maxX - minX + 2 * PADDING);
  const height = round(maxY - minY + 2 * PADDING);
  const at = new Map(view.nodes.map((node) => [node.data.id, node]));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="${round(minX - PADDING)} ${round(minY - PADDING)} ${width} ${height}" ` +
      'font-family="sans-serif">',
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" ' +
      'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa5b1"/>' +
      '</marker></defs>',
    `<rect x="${round(minX - PADDING)}" y="${round(minY - PADDING)}" width="${width}" height="${height}" fill="#ffffff"/>`,
    '<g class="edges" stroke="#9aa5b1" fill="none">',
  ];
  for (const edge of view.edges) {
    const source = at.get(edge.data.source);
    const target = at.get(edge.data.target);
    if (!source || !target) continue;
    const dx = target.position.x - source.position.x;
    const dy = target.position.y - source.position.y;
    const length = Math.hypot(dx, dy) || 1;
    const shorten = target.size / 2;
    const x2 = target.position.x - (dx / length) * shorten;
    const y2 = target.position.y - (dy / length) * shorten;
    lines.push(
      `<line x1="${round(source.position.x)}" y1="${round(source.position.y)}" x2="${round(x2)}" y2="${round(y2)}" stroke-width="${edge.width}" marker-end="url(#arrow)"><title>${escapeXml(edge.data.type)}</title></line>`,
    );
    if (edge.data.label) {
      lines.push(
        `<text x="${round((source.position.x + target.position.x) / 2)}" y="${round((source.position.y + target.position.y) / 2 - 4)}" font-size="10" fill="#3b2f12" stroke="none" text-anchor="middle">${escapeXml(edge.data.label)}</text>`,
      );
    }
  }
  lines.push('</g>', '<g class="nodes">');
  for (const node of view.nodes) {
    lines.push(
      `<g data-id="${escapeXml(node.data.id)}">${shapeElement(node)}` +
        `<text x="${round(node.position.x)}" y="${round(node.position.y + node.size / 2 + 12)}" ` +
        `font-size="11" text-anchor="middle" fill="#1d2330">${escapeXml(node.data.label)}</text></g>`,
    );
  }
  lines.push('</g>', '</svg>', '');
  return lines.join('\n');
}
