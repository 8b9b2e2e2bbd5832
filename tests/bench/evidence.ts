/**
 * `npm run bench:evidence [-- --runs 3 --sizes 100,500,2000]`: how long Ringtrace takes to build
 * an evidence bundle (the report with its drawn chart, GraphML, CSV, the ANX chart, the manifest
 * and the ZIP) from the facts of 100, 500 and 2,000 elements (half entities, half records, each
 * record with its source), and how large the bundle and its report are. Prints the median of the
 * runs for each size; the goal is 5 s at 500 elements. Reading the facts from Neo4j is not
 * included (a few queries by id; see the integration tests). The first build also loads the
 * embedded font, so one untimed build runs first.
 */
import { parseArgs } from 'node:util';
import { buildBundle } from '../../server/evidence/bundle';
import { readZip } from '../../server/evidence/zip';
import { CONTEXT, syntheticFacts } from '../unit/evidenceCase';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '100,500,2000' },
  },
});
const runs = Math.max(1, Number(values.runs));
const sizes = values.sizes.split(',').map(Number);

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

await buildBundle(syntheticFacts(10), CONTEXT, null);

console.log(`Evidence bundle build, median of ${runs} runs`);
console.log('| Elements | Build | Bundle (ZIP) | report.pdf | Pages | Goal |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const size of sizes) {
  const facts = syntheticFacts(size);
  const seconds: number[] = [];
  let zipBytes = 0;
  let pdfBytes = 0;
  let pages = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const built = await buildBundle(facts, CONTEXT, null);
    seconds.push((performance.now() - started) / 1000);
    zipBytes = built.zip.byteLength;
    pdfBytes = built.files.find((file) => file.name === 'report.pdf')?.bytes ?? 0;
    const pdf = new TextDecoder('latin1').decode(readZip(built.zip).get('report.pdf'));
    pages = (pdf.match(/\/Type \/Page\b/g) ?? []).length;
  }
  const time = median(seconds);
  const goal = size === 500 ? (time <= 5 ? '≤ 5 s (met)' : '≤ 5 s (not met)') : '';
  console.log(
    `| ${size.toLocaleString('en-US')} | ${time.toFixed(2)} s | ${(zipBytes / 1024).toFixed(0)} KB | ${(pdfBytes / 1024).toFixed(0)} KB | ${pages} | ${goal} |`,
  );
}
