/**
 * The export menu's evidence actions: "Evidence bundle…" (asks for the case number, makes a
 * sealed bundle of the view on the server and downloads it), "i2 Analyst's Notebook chart (ANX)"
 * (the chart of such a bundle on its own) and "Evidence bundles of a case…" (who made which
 * bundle, when, with its manifest hash).
 */
import { api } from '../api';
import { download, exportName } from './download';
import { el, make, type WorkspaceContext } from './context';
import {
  bundleLine,
  evidenceRequest,
  fetchBundle,
  fileOfBundle,
  listBundles,
  makeBundle,
  pictureOf,
  type TraceOnScreen,
} from './export/evidence';

const ACTIONS = {
  evidence: 'Evidence bundle… (report, data, i2 chart; sealed)',
  anx: "i2 Analyst's Notebook chart (ANX)",
  'evidence-list': 'Evidence bundles of a case…',
} as const;

export type EvidenceAction = keyof typeof ACTIONS;

let lastCase = '';

export function isEvidenceAction(value: string): value is EvidenceAction {
  return Object.hasOwn(ACTIONS, value);
}

/** Adds the evidence actions to the export menu. */
export function addEvidenceOptions(select: HTMLSelectElement): void {
  for (const [value, label] of Object.entries(ACTIONS)) {
    if (!select.querySelector(`option[value="${value}"]`)) select.append(new Option(label, value));
  }
}

function listElement(): HTMLUListElement {
  const found = document.getElementById('ws-evidence-list');
  if (found) return found as HTMLUListElement;
  const list = make('ul', undefined, 'ws-list ws-evidence-list');
  list.id = 'ws-evidence-list';
  el('ws-message').after(list);
  return list;
}

async function bundleOfView(ws: WorkspaceContext, caseNumber: string | null) {
  const view = ws.canvas.snapshot();
  if (view.nodes.length === 0) throw new Error('Nothing on screen to make evidence of.');
  // The whole chart at screen resolution: sharp enough to read, small enough to send.
  const png = ws.canvas.cy.png({
    output: 'blob',
    bg: '#ffffff',
    full: true,
    scale: 1,
    maxWidth: 2400,
    maxHeight: 2400,
  });
  const picture = await pictureOf(png);
  return makeBundle(api, evidenceRequest(view, picture, caseNumber, null, traceOnScreen()));
}

/** The forward trace from a transfer that the money-flow form names, if it does. */
function traceOnScreen(): TraceOnScreen | null {
  if (el<HTMLSelectElement>('ws-trace-mode').value !== 'forward-transfer') return null;
  return {
    transfer: el<HTMLInputElement>('ws-trace-id').value.trim(),
    depth: Number(el<HTMLInputElement>('ws-trace-depth').value) || 4,
    windowHours: Number(el<HTMLInputElement>('ws-trace-window').value) || 72,
  };
}

export async function runEvidenceAction(
  ws: WorkspaceContext,
  action: EvidenceAction,
): Promise<void> {
  if (action === 'evidence-list') {
    const asked = window.prompt('Case number (empty: every bundle):', lastCase);
    if (asked === null) return;
    lastCase = asked.trim();
    const bundles = await ws.busy('Loading evidence bundles…', () =>
      listBundles(api, lastCase || null),
    );
    if (!bundles) return;
    listElement().replaceChildren(...bundles.map((bundle) => make('li', bundleLine(bundle))));
    ws.say(`${bundles.length} evidence bundle(s)${lastCase ? ` of case ${lastCase}` : ''}.`);
    return;
  }
  if (action === 'evidence') {
    const asked = window.prompt('Case number for the evidence bundle:', lastCase);
    if (asked === null) return;
    lastCase = asked.trim();
  }
  const made = await ws.busy('Making the evidence bundle…', async () => {
    const bundle = await bundleOfView(ws, action === 'evidence' ? lastCase || null : null);
    const zip = await fetchBundle(bundle.id);
    if (action === 'anx') {
      const chart = await fileOfBundle(zip, 'chart.anx');
      download(exportName('anx'), new TextDecoder().decode(chart), 'application/xml');
    } else {
      download(`ringtrace-evidence-${bundle.id}.zip`, zip);
    }
    return bundle;
  });
  if (!made) return;
  ws.say(
    action === 'anx'
      ? `i2 chart of ${made.counts.nodes} entities exported (recorded as bundle ${made.id}).`
      : `Evidence bundle ${made.id} made from ${made.madeFrom.title}: ${made.files.length} files, ` +
          `manifest SHA-256 ${made.manifestSha256}. Check it with npm run evidence:verify.`,
  );
}
