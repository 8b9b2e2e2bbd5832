/**
 * `report.pdf`: what a prosecutor reads without Ringtrace. A cover (case, investigator, time,
 * Ringtrace version, the analysis run and its parameters), a summary in plain words, the chart as
 * the investigator arranged it, the people and identifiers with their roles and reasons, the money
 * trail hop by hop (traces), a timeline of the records, and an appendix giving each record's and
 * link's source: organisation, file, line, record id and the file's SHA-256. Text is set in Noto
 * Sans SC (embedded, subset to the characters used), so names in Chinese print as written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { NODES, type NodeLabel } from '../contract/graph';
import { ANX_ENTITY_TYPES } from './anx';
import {
  chartLinks,
  formatMoney,
  type BundleContext,
  type EvidenceFacts,
  type FactNode,
  type SourceRef,
} from './model';

export const PDF_DEFAULTS = {
  /** Most records listed in the timeline and the appendix; the rest are in links.csv. */
  maxListed: 5_000,
  /** Most nodes labelled on the drawn chart. */
  maxChartLabels: 150,
} as const;

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';

let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The embedded fonts, read once (about 10 MB each; only the glyphs used reach the PDF). */
function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    fonts = {
      regular: readFileSync(
        require.resolve(`${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`),
      ),
      bold: readFileSync(require.resolve(`${FONT_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`)),
    };
  }
  return fonts;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14;

const KIND_COLOURS: Readonly<Record<string, string>> = {
  Person: '#1f6feb',
  PhoneNumber: '#d1242f',
  SIM: '#bf8700',
  Device: '#8250df',
  BankAccount: '#1a7f37',
  PlatformAccount: '#0a7ea4',
  IPAddress: '#6e7781',
  Case: '#cf222e',
};

function kindName(type: string): string {
  return ANX_ENTITY_TYPES[type]?.name ?? type;
}

/** `bank account` / `bank accounts`, `SIM card` / `SIM cards`, `person` / `people`. */
function kindCount(type: string, count: number): string {
  const spec = Object.hasOwn(NODES, type) ? NODES[type as NodeLabel] : null;
  const text = spec ? (count === 1 ? spec.name : spec.plural) : type;
  // Lower-case the first letter of a word, not of an abbreviation (SIM, IP).
  return text.replace(/^([A-Z])(?=[a-z])/, (first) => first.toLowerCase());
}

/** `2026-10-01 10:04:05 UTC (+08:00 local)`. */
function when(iso: string | null, offset: string | null = null): string {
  if (!iso) return '';
  const text = `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return offset && offset !== 'Z' && offset !== '+00:00' ? `${text} (${offset} local)` : text;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function sourceText(source: SourceRef | null): string {
  if (!source) return 'no source recorded';
  const line = source.line === null ? '' : `, line ${source.line}`;
  const record = source.recordId ? `, record ${source.recordId}` : '';
  return `${source.organisation}: ${source.fileName || '(file name not given)'}${line}${record}`;
}

type Doc = PDFKit.PDFDocument;

class Report {
  readonly doc: Doc;

  constructor(doc: Doc) {
    this.doc = doc;
  }

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensure(60);
    this.doc.moveDown(0.6).font('bold').fontSize(15).fillColor('#000').text(text, PAGE.margin);
    this.doc.moveDown(0.3).font('regular').fontSize(10);
  }

  subheading(text: string): void {
    this.ensure(40);
    this.doc.moveDown(0.4).font('bold').fontSize(11.5).text(text, PAGE.margin);
    this.doc.moveDown(0.2).font('regular').fontSize(10);
  }

  paragraph(text: string): void {
    this.doc.font('regular').fontSize(10).fillColor('#000');
    this.ensure(this.doc.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
    this.doc.text(text, PAGE.margin, this.doc.y, { width: CONTENT_WIDTH });
    this.doc.moveDown(0.35);
  }

  field(label: string, value: string): void {
    const labelWidth = 130;
    this.doc.font('regular').fontSize(10);
    const height = this.doc.heightOfString(value || '—', { width: CONTENT_WIDTH - labelWidth });
    this.ensure(height + 3);
    const y = this.doc.y;
    this.doc.font('bold').text(label, PAGE.margin, y, { width: labelWidth - 8 });
    this.doc.font('regular').text(value || '—', PAGE.margin + labelWidth, y, {
      width: CONTENT_WIDTH - labelWidth,
    });
    this.doc.y = Math.max(this.doc.y, y + height) + 3;
  }

  /** A table: widths as fractions of the page's width; the header repeats on each page. */
  table(
    header: readonly string[],
    widths: readonly number[],
    rows: readonly (readonly string[])[],
  ) {
    const columns = widths.map((fraction) => fraction * CONTENT_WIDTH);
    const size = 8;
    const drawRow = (cells: readonly string[], bold: boolean) => {
      this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
      const height =
        Math.max(
          ...cells.map((text, index) =>
            this.doc.heightOfString(text || ' ', { width: (columns[index] ?? 40) - 4 }),
          ),
        ) + 4;
      return height;
    };
    const paint = (cells: readonly string[], bold: boolean, height: number, shade: boolean) => {
      const y = this.doc.y;
      if (shade) this.doc.rect(PAGE.margin, y, CONTENT_WIDTH, height).fill('#f2f4f7');
      this.doc
        .fillColor('#000')
        .font(bold ? 'bold' : 'regular')
        .fontSize(size);
      let x = PAGE.margin;
      cells.forEach((text, index) => {
        const width = columns[index] ?? 40;
        this.doc.text(text, x + 2, y + 2, { width: width - 4 });
        x += width;
      });
      this.doc.y = y + height;
    };
    const headerHeight = drawRow(header, true);
    this.ensure(headerHeight * 2);
    paint(header, true, headerHeight, true);
    rows.forEach((row) => {
      const height = drawRow(row, false);
      if (this.doc.y + height > BOTTOM) {
        this.doc.addPage();
        paint(header, true, headerHeight, true);
      }
      paint(row, false, height, false);
      this.doc
        .moveTo(PAGE.margin, this.doc.y)
        .lineTo(PAGE.margin + CONTENT_WIDTH, this.doc.y)
        .lineWidth(0.3)
        .strokeColor('#d0d7de')
        .stroke();
    });
    this.doc.moveDown(0.5);
  }
}

function cover(report: Report, facts: EvidenceFacts, context: BundleContext): void {
  const { doc } = report;
  doc.font('bold').fontSize(24).text('Evidence bundle', PAGE.margin, 120);
  doc.moveDown(0.2).font('regular').fontSize(13).text(facts.madeFrom.title);
  doc.moveDown(1.5);
  const by = context.createdBy;
  report.field('Case number', context.caseNumber ?? 'not given');
  report.field(
    'Investigator',
    `${by.displayName} (${by.username}, ${by.role}${by.organisation ? `, ${by.organisation}` : ''})`,
  );
  report.field('Made at', when(context.createdAt));
  report.field('Made with', `Ringtrace ${context.ringtraceVersion}`);
  report.field('Bundle id', context.id);
  report.field(
    'Records included',
    facts.scope === 'all'
      ? 'all records in Ringtrace joining these entities'
      : `only records supplied by ${facts.scope}, and only its own accounts and numbers`,
  );
  const run = facts.madeFrom.run;
  if (run) {
    report.field('Analysis run', `${run.id}, ${run.engine}, Ringtrace ${run.version}`);
    report.field('Run started', `${when(run.startedAt)} by ${run.startedBy}`);
    report.field('Run parameters', JSON.stringify(run.params));
  }
  const trail = facts.madeFrom.trail;
  if (trail) {
    report.field(
      'Trace settings',
      `${trail.method} allocation, up to ${trail.depth} hops, within ${trail.windowHours} hours`,
    );
  }
  if (context.note) report.field('Note', context.note);
  doc.moveDown(2);
  report.paragraph(
    "Every fact in this report was read from Ringtrace's graph by id when the bundle was made. " +
      'The files of the bundle (this report, graph.graphml, nodes.csv, links.csv, chart.anx) are ' +
      'listed in manifest.json with their SHA-256; the SHA-256 of manifest.json itself is recorded ' +
      "in Ringtrace's audit trail against this bundle id, so a changed byte in any file is found " +
      'with `npm run evidence:verify bundle.zip` or by comparing hashes.',
  );
}

function summary(report: Report, facts: EvidenceFacts): void {
  report.heading('Summary');
  const counts = new Map<string, number>();
  for (const node of facts.nodes) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  const kinds = [...counts].map(([type, count]) => `${count} ${kindCount(type, count)}`).join(', ');
  report.paragraph(
    facts.nodes.length === 0
      ? 'The bundle holds no entity the maker may see.'
      : `The bundle holds ${plural(facts.nodes.length, 'entity', 'entities')}: ${kinds}.`,
  );
  const byKind = new Map<string, { count: number; money: Map<string, number> }>();
  let first: string | null = null;
  let last: string | null = null;
  for (const event of facts.events) {
    const entry = byKind.get(event.kind) ?? { count: 0, money: new Map<string, number>() };
    entry.count += 1;
    if (event.amountMinor !== null && event.currency) {
      entry.money.set(event.currency, (entry.money.get(event.currency) ?? 0) + event.amountMinor);
    }
    byKind.set(event.kind, entry);
    if (first === null || event.at < first) first = event.at;
    if (last === null || event.at > last) last = event.at;
  }
  if (facts.events.length > 0) {
    const parts = [...byKind].map(([kind, entry]) => {
      const money = [...entry.money].map(([currency, total]) => formatMoney(total, currency));
      return `${entry.count} ${kind.toLowerCase()}${entry.count === 1 ? '' : 's'}${money.length ? ` (${money.join(', ')})` : ''}`;
    });
    report.paragraph(
      `They are joined by ${plural(facts.events.length, 'record', 'records')} between ${when(first)} and ${when(last)}: ${parts.join(', ')}.`,
    );
  }
  if (facts.links.length > 0) {
    report.paragraph(
      `Records also state ${plural(facts.links.length, 'link', 'links')} between them (who holds an account, uses a number, reported a case, what a report names).`,
    );
  }
  const organisations = [...new Set(facts.sources.map((source) => source.organisation))];
  report.paragraph(
    `Every record and link comes from one of ${plural(facts.sources.length, 'file', 'files')} supplied by ${organisations.join(', ') || 'no organisation'}; the appendix names the file and line of each.`,
  );
  if (facts.truncated) {
    report.paragraph(
      'More records join these entities than one bundle holds; the earliest were included. Make a bundle of fewer entities to include the rest.',
    );
  }
  const ring = facts.madeFrom.ring;
  if (ring) {
    report.paragraph(
      `The analysis found this ring${ring.typology ? ` (${ring.typology.replace(/_/g, ' ')})` : ''} with a score of ${ring.score.toFixed(2)}. Its reasons: ${ring.reasons.join('; ') || 'none recorded'}.`,
    );
    const leaders = facts.nodes.filter((node) => node.role === 'ringleader');
    if (leaders.length > 0) {
      report.paragraph(
        `Named as ringleader: ${leaders.map((node) => `${node.label} (${kindName(node.type)} ${node.id})`).join('; ')}.`,
      );
    }
  }
  const trail = facts.madeFrom.trail;
  if (trail) {
    const held = trail.holdings.reduce((sum, holding) => sum + holding.tracedMinor, 0);
    report.paragraph(
      `On ${when(trail.at)} account ${trail.from} paid ${formatMoney(trail.amountMinor, trail.currency)} to ${trail.to} (transfer ${trail.transferId}). ` +
        `Followed hop by hop in time order (each hop after the money arrived), up to ${trail.depth} hops within ${trail.windowHours} hours, ` +
        `under the ${trail.method} rule (${trail.method === 'fifo' ? 'money leaves an account in the order it arrived' : "each transfer out of an account carries the victim's money in proportion to what the account held"}), ` +
        `the money passed through ${plural(trail.hops.length, 'transfer', 'transfers')}; ${formatMoney(held, trail.currency)} of it is still held in ${plural(trail.holdings.length, 'account', 'accounts')}, which can be frozen.` +
        (trail.truncated
          ? ' The trace read as many transfers as it may; narrow the window to follow the rest.'
          : ''),
    );
  }
}

function fitPositions(
  nodes: readonly FactNode[],
  box: { x: number; y: number; w: number; h: number },
) {
  const raw = new Map<string, { x: number; y: number }>();
  const unplaced = nodes.filter((node) => !node.position);
  unplaced.forEach((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, unplaced.length);
    raw.set(node.key, { x: Math.cos(angle), y: Math.sin(angle) });
  });
  for (const node of nodes) if (node.position) raw.set(node.key, node.position);
  const xs = [...raw.values()].map((point) => point.x);
  const ys = [...raw.values()].map((point) => point.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(1e-9, Math.max(...xs) - minX);
  const spanY = Math.max(1e-9, Math.max(...ys) - minY);
  // Room on the right for the labels; the drawing is centred in what is left.
  const room = { w: box.w - 30 - 90, h: box.h - 30 };
  const fitted = Math.min(room.w / spanX, room.h / spanY);
  const scale = Number.isFinite(fitted) ? fitted : 0;
  const left = box.x + 15 + (room.w - spanX * scale) / 2;
  const top = box.y + 15 + (room.h - spanY * scale) / 2;
  const placed = new Map<string, { x: number; y: number }>();
  for (const [key, point] of raw) {
    placed.set(key, { x: left + (point.x - minX) * scale, y: top + (point.y - minY) * scale });
  }
  return placed;
}

function chart(report: Report, facts: EvidenceFacts, picture: Uint8Array | null): void {
  const { doc } = report;
  doc.addPage();
  report.heading('The chart');
  const box = { x: PAGE.margin, y: doc.y, w: CONTENT_WIDTH, h: BOTTOM - doc.y - 60 };
  if (picture) {
    doc.image(Buffer.from(picture), box.x, box.y, { fit: [box.w, box.h], align: 'center' });
    doc.y = box.y + box.h + 6;
    report.paragraph("The chart as the investigator arranged it in Ringtrace's workspace.");
    return;
  }
  const at = fitPositions(facts.nodes, box);
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.5).strokeColor('#d0d7de').stroke();
  for (const link of chartLinks(facts)) {
    const a = at.get(link.from);
    const b = at.get(link.to);
    if (!a || !b) continue;
    const width = link.totalMinor
      ? Math.min(4, 0.5 + Math.log10(1 + link.totalMinor / 100) / 2)
      : 0.6;
    doc.moveTo(a.x, a.y).lineTo(b.x, b.y).lineWidth(width).strokeColor('#8c959f').stroke();
  }
  const labelled = facts.nodes.length <= PDF_DEFAULTS.maxChartLabels;
  for (const node of facts.nodes) {
    const point = at.get(node.key);
    if (!point) continue;
    const radius = node.role === 'ringleader' ? 6 : 4;
    doc.circle(point.x, point.y, radius).fill(KIND_COLOURS[node.type] ?? '#57606a');
    if (labelled) {
      doc
        .font('regular')
        .fontSize(7)
        .fillColor('#000')
        .text(node.label, point.x + radius + 2, point.y - 4, { width: 90, lineBreak: false });
    }
  }
  doc.y = box.y + box.h + 6;
  const legend = [...new Set(facts.nodes.map((node) => node.type))]
    .map((type) => kindName(type))
    .join(', ');
  report.paragraph(
    `Drawn by Ringtrace from the chart positions${labelled ? '' : ' (too many entities to label; see the table)'}. Kinds shown: ${legend}. ` +
      'Lines join entities with records or stated links between them; wider lines carry more money.',
  );
}

function entities(report: Report, facts: EvidenceFacts): void {
  report.heading('People and identifiers');
  const order = ['ringleader', 'organiser', 'caller', 'cash_out', 'mule', 'member'];
  const rank = (node: FactNode) => {
    const index = order.indexOf(node.role ?? '');
    return index < 0 ? order.length : index;
  };
  const rows = [...facts.nodes]
    .sort(
      (a, b) => rank(a) - rank(b) || (b.score ?? 0) - (a.score ?? 0) || a.key.localeCompare(b.key),
    )
    .map((node) => [
      node.label,
      kindName(node.type),
      node.id,
      [node.role, node.score === null ? null : `score ${node.score.toFixed(2)}`]
        .filter(Boolean)
        .join(', '),
      node.reasons.join(' ') || (node.source ? sourceText(node.source) : ''),
    ]);
  report.table(
    ['Name', 'Kind', 'Id', 'Role', 'Reasons and numbers'],
    [0.17, 0.12, 0.2, 0.13, 0.38],
    rows,
  );
}

function moneyTrail(report: Report, facts: EvidenceFacts): void {
  const trail = facts.madeFrom.trail;
  if (!trail) return;
  report.heading('Money trail, hop by hop');
  report.paragraph(
    `Allocation rule: ${trail.method}. Amounts are what each transfer carried, and how much of it was the victim's money.`,
  );
  const rows = [...trail.hops]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((hop, index) => [
      String(index + 1),
      when(hop.at),
      `${hop.from} → ${hop.to}`,
      formatMoney(hop.amountMinor, trail.currency),
      formatMoney(hop.tracedMinor, trail.currency),
      hop.depth === null ? '' : String(hop.depth),
      hop.id,
    ]);
  report.table(
    ['#', 'Time', 'From → to', 'Amount', "Victim's money", 'Hop', 'Transfer'],
    [0.05, 0.17, 0.3, 0.12, 0.12, 0.05, 0.19],
    rows,
  );
  report.subheading('Where the money is now (can be frozen)');
  report.table(
    ['Account', "Victim's money held", 'Hop'],
    [0.5, 0.3, 0.2],
    trail.holdings.map((holding) => [
      holding.account,
      formatMoney(holding.tracedMinor, trail.currency),
      holding.depth === null ? '' : String(holding.depth),
    ]),
  );
}

function timeline(report: Report, facts: EvidenceFacts): void {
  report.heading('Timeline');
  const listed = facts.events.slice(0, PDF_DEFAULTS.maxListed);
  if (facts.events.length > listed.length) {
    report.paragraph(
      `The first ${listed.length} of ${facts.events.length} records; links.csv lists them all with their sources.`,
    );
  }
  const label = new Map(facts.nodes.map((node) => [node.key, node.label]));
  report.table(
    ['Ref', 'Time', 'Record', 'From → to', 'Amount or length'],
    [0.07, 0.25, 0.12, 0.38, 0.18],
    listed.map((event, index) => [
      `R${index + 1}`,
      when(event.at, event.offset),
      event.kind,
      `${label.get(event.from) ?? event.from} → ${label.get(event.to) ?? event.to}`,
      event.amountMinor !== null
        ? formatMoney(event.amountMinor, event.currency)
        : event.durationSeconds !== null
          ? `${event.durationSeconds} s`
          : (event.detail ?? ''),
    ]),
  );
}

function appendix(report: Report, facts: EvidenceFacts): void {
  report.doc.addPage();
  report.heading('Appendix: sources');
  report.paragraph(
    "Each record (R) and stated link (L) with the file it came from: the supplying organisation, the file's name, the line or record id in it, and the SHA-256 of the file as Ringtrace received it.",
  );
  report.subheading('Files');
  report.table(
    ['Organisation', 'Kind', 'File', 'SHA-256', 'First loaded'],
    [0.13, 0.14, 0.2, 0.38, 0.15],
    facts.sources.map((source) => [
      source.organisation,
      source.kind,
      source.fileName,
      source.fileSha256,
      when(source.firstLoadedAt),
    ]),
  );
  report.subheading('Records and links');
  const listed = facts.events.slice(0, PDF_DEFAULTS.maxListed);
  const rows = [
    ...listed.map((event, index) => [
      `R${index + 1}`,
      `${event.kind} ${event.id}`,
      sourceText(event.source),
      event.source?.fileSha256 ?? '',
    ]),
    ...facts.links
      .slice(0, PDF_DEFAULTS.maxListed)
      .map((link, index) => [
        `L${index + 1}`,
        `${link.type} ${link.from} → ${link.to}`,
        sourceText(link.source),
        link.source?.fileSha256 ?? '',
      ]),
    ...facts.nodes
      .filter((node) => node.source)
      .map((node) => [node.type, node.id, sourceText(node.source), node.source?.fileSha256 ?? '']),
  ];
  report.table(['Ref', 'Record or link', 'Source', 'File SHA-256'], [0.07, 0.33, 0.3, 0.3], rows);
}

function footers(doc: Doc, context: BundleContext): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page: lift the margin for the footer.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const text = `Ringtrace evidence bundle ${context.id}${context.caseNumber ? ` · case ${context.caseNumber}` : ''} · page ${index + 1} of ${range.count}`;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#57606a')
      .text(text, PAGE.margin, PAGE.height - PAGE.margin + 8, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** The report of a bundle as PDF bytes. `picture` is the chart's PNG when the client sent one. */
export async function renderReport(
  facts: EvidenceFacts,
  context: BundleContext,
  picture: Uint8Array | null,
): Promise<Uint8Array> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: {
      Title: `Evidence bundle ${context.id}`,
      Author: `${context.createdBy.displayName} (${context.createdBy.username})`,
      Subject: facts.madeFrom.title,
      Creator: `Ringtrace ${context.ringtraceVersion}`,
      CreationDate: new Date(context.createdAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.font('regular');
  const report = new Report(doc);
  cover(report, facts, context);
  doc.addPage();
  summary(report, facts);
  chart(report, facts, picture);
  doc.addPage();
  entities(report, facts);
  moneyTrail(report, facts);
  timeline(report, facts);
  appendix(report, facts);
  footers(doc, context);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
