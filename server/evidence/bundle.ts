/**
 * Puts a bundle together from its facts: the report, the data files and the chart, then the
 * manifest listing each with its SHA-256, all in one ZIP. Pure apart from the time it takes: the
 * same facts, context and picture give the same files.
 */
import { toAnx } from './anx';
import { toGraphml } from './graphml';
import {
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  manifestBytes,
  manifestFile,
  sha256,
  type Manifest,
  type ManifestFile,
} from './manifest';
import type { BundleContext, EvidenceFacts } from './model';
import { renderReport } from './pdf';
import { linksCsv, nodesCsv } from './tables';
import { writeZip } from './zip';

export interface BuiltBundle {
  readonly manifest: Manifest;
  readonly manifestSha256: string;
  /** Every file of the ZIP, the manifest last. */
  readonly files: readonly { name: string; sha256: string; bytes: number }[];
  readonly zip: Uint8Array;
  readonly zipSha256: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export async function buildBundle(
  facts: EvidenceFacts,
  context: BundleContext,
  picture: Uint8Array | null,
  traceSettings: { method: string; depth: number; windowHours: number } | null = null,
): Promise<BuiltBundle> {
  const contents: { name: string; bytes: Uint8Array; description: string }[] = [
    {
      name: 'report.pdf',
      bytes: await renderReport(facts, context, picture),
      description:
        'The report: cover, summary, chart, people and identifiers, money trail, timeline, sources',
    },
    {
      name: 'graph.graphml',
      bytes: utf8(toGraphml(facts)),
      description: 'The graph (GraphML): entities, records and stated links with their sources',
    },
    {
      name: 'nodes.csv',
      bytes: utf8(nodesCsv(facts)),
      description: 'The entities, one a row, with role, reasons and chart position',
    },
    {
      name: 'links.csv',
      bytes: utf8(linksCsv(facts)),
      description: 'Every record and stated link, one a row, with its source file, line and hash',
    },
    {
      name: 'chart.anx',
      bytes: utf8(toAnx(facts)),
      description: 'The chart for i2 Analyst’s Notebook (ANX)',
    },
  ];
  if (picture) {
    contents.push({
      name: 'chart.png',
      bytes: picture,
      description: 'The chart as the investigator arranged it, as a picture',
    });
  }
  const listed: ManifestFile[] = contents.map((file) =>
    manifestFile(file.name, file.bytes, file.description),
  );
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    bundleId: context.id,
    createdAt: context.createdAt,
    createdBy: context.createdBy,
    ringtraceVersion: context.ringtraceVersion,
    caseNumber: context.caseNumber,
    note: context.note,
    madeFrom: {
      kind: facts.madeFrom.kind,
      id: facts.madeFrom.id,
      title: facts.madeFrom.title,
      analysisRun: facts.madeFrom.run,
      trace: facts.madeFrom.kind === 'trace' ? traceSettings : null,
    },
    scope: facts.scope,
    counts: {
      nodes: facts.nodes.length,
      events: facts.events.length,
      links: facts.links.length,
      sources: facts.sources.length,
    },
    truncated: facts.truncated,
    hashAlgorithm: 'SHA-256',
    files: listed,
  };
  const manifestData = manifestBytes(manifest);
  const manifestSha256 = sha256(manifestData);
  const zip = writeZip(
    [...contents, { name: MANIFEST_NAME, bytes: manifestData }],
    new Date(context.createdAt),
  );
  return {
    manifest,
    manifestSha256,
    files: [
      ...listed.map(({ name, sha256: hash, bytes }) => ({ name, sha256: hash, bytes })),
      { name: MANIFEST_NAME, sha256: manifestSha256, bytes: manifestData.byteLength },
    ],
    zip,
    zipSha256: sha256(zip),
  };
}
