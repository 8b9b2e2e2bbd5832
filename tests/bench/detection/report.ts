/**
 * How `bench:detection` prints: a few lines of figures per data set as it is measured, and at the
 * end one markdown table line per data set with the goals of issue "Rings, leaders and risk that
 * hold on data Ringtrace did not generate" checked. Pure: returns text.
 */
import { MEASURE_DEFAULTS, type Figures } from './measure';
import { worst, type Share } from './metrics';

/** The goals, as the issue sets them. */
export const GOALS = {
  /** Ring recall of every true typology at least this ... */
  ringRecall: 0.8,
  /** ... with overall ring precision at least this. */
  ringPrecision: 0.9,
  leaderAt1: 0.9,
  /** Risk AUC on AMLSim-format data. */
  amlsimAuc: 0.95,
  /** Risk AUC on call records alone. */
  telecomAuc: 0.9,
} as const;

/** What the goals need to know of a data set. */
export interface LineInfo {
  name: string;
  split: 'tune' | 'held-out';
  telecomOnly: boolean;
  amlsimStyle: boolean;
}

export const f3 = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const shareText = (s: Share) => `${f3(s.value)} (${s.count}/${s.of})`;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** The goals a data set's figures miss, in short words; empty when all that apply hold. */
export function goalsMissed(info: LineInfo, figures: Figures): string[] {
  const missed: string[] = [];
  const { risk } = figures;
  if (risk) {
    const auc = risk.ringtrace.auc;
    if (!(round3(auc) >= round3(risk.ppr.auc))) missed.push('AUC < PPR');
    if (info.amlsimStyle && !(auc >= GOALS.amlsimAuc)) missed.push(`AUC < ${GOALS.amlsimAuc}`);
    if (info.telecomOnly && !(auc >= GOALS.telecomAuc)) {
      missed.push(`AUC < ${GOALS.telecomAuc.toFixed(2)}`);
    }
  }
  if (figures.ringPrecision && !(figures.ringPrecision.value >= GOALS.ringPrecision)) {
    missed.push(`ring P < ${GOALS.ringPrecision}`);
  }
  const low = [...figures.recallByTypology]
    .filter(([, s]) => !(s.value >= GOALS.ringRecall))
    .map(([typology]) => typology);
  if (low.length > 0) missed.push(`R < ${GOALS.ringRecall}: ${low.join(', ')}`);
  if (figures.leader && !(figures.leader.value >= GOALS.leaderAt1)) {
    missed.push(
      Number.isNaN(figures.leader.value)
        ? 'leader@1 n/a (no ring with a leader hit)'
        : `leader@1 < ${GOALS.leaderAt1}`,
    );
  }
  return missed;
}

/** The lines printed for one data set once it is measured. */
export function detailLines(info: LineInfo, f: Figures, readSeconds: number): string[] {
  const lines: string[] = [];
  const missing =
    f.missing > 0
      ? `; ${f.missing} truth entities not in the graph (left out), e.g. ${f.missingExamples.join(', ')}`
      : '';
  lines.push(
    `${info.name} [${info.split}]: ${f.nodes.toLocaleString('en')} nodes, ` +
      `${f.links.toLocaleString('en')} links (read ${readSeconds.toFixed(1)} s, detect ` +
      `${f.detectSeconds.toFixed(1)} s, risk ${f.riskSeconds.toFixed(1)} s)${missing}`,
  );
  const trueRings = f.trueRings === null ? 'no true rings named' : `${f.trueRings} true`;
  let rings = `  rings: ${f.rings} found, ${trueRings}`;
  if (f.ringPrecision && f.ringRecall) {
    rings +=
      `; ARI ${f3(f.ari)}; precision ${shareText(f.ringPrecision)}, ` +
      `recall ${shareText(f.ringRecall)}`;
  }
  lines.push(rings);
  const byTypology = (map: Map<string, Share>) =>
    [...map].map(([typology, s]) => `${typology} ${shareText(s)}`).join(', ') || 'none';
  if (f.trueRings !== null) {
    lines.push(`  precision by detected typology: ${byTypology(f.precisionByTypology)}`);
    lines.push(`  recall by true typology: ${byTypology(f.recallByTypology)}`);
  }
  if (f.leader)
    lines.push(
      `  leader@1 ${f3(f.leader.value)} (${f.leader.count}/${f.leader.of} hit rings with a leader)`,
    );
  if (f.roles.length > 0) {
    const roles = f.roles.map(
      (r) =>
        `${r.name} P ${f3(r.precision)} R ${f3(r.recall)} F1 ${f3(r.f1)} ` +
        `(${r.truth} true, ${r.flagged} flagged)`,
    );
    lines.push(`  roles: ${roles.join('; ')}; mean F1 ${f3(f.roleF1)}`);
  }
  lines.push(
    `  ring members against the positives: precision ${f3(f.members.precision)}, recall ` +
      `${f3(f.members.recall)} (${f.members.flagged} flagged, ${f.members.actual} positives)`,
  );
  if (f.risk) {
    const { ringtrace, ppr, degree } = f.risk;
    lines.push(
      `  risk (${f.risk.reported} reported; ${f.risk.pool.toLocaleString('en')} nodes judged, ` +
        `${f.risk.poolPositives} positives; mean of ${f.risk.methods.length} report seeds): ` +
        `AUC Ringtrace ${f3(ringtrace.auc)} [${f.risk.methods.join(', ')}], PPR ${f3(ppr.auc)}, ` +
        `degree ${f3(degree.auc)}; P@100 Ringtrace ${f3(ringtrace.precisionAtTop)}, ` +
        `PPR ${f3(ppr.precisionAtTop)}, degree ${f3(degree.precisionAtTop)}` +
        (f.risk.poolPositives < MEASURE_DEFAULTS.top
          ? ` (at most ${f3(f.risk.poolPositives / MEASURE_DEFAULTS.top)}: ${f.risk.poolPositives} positives judged)`
          : ''),
    );
  } else {
    lines.push('  risk: fewer than two positives in the graph, not measured');
  }
  lines.push(`  explanation: ${f.explanation}`);
  if (f.rings === 0) lines.push(`  top near miss: ${f.nearMiss ?? 'none'}`);
  const missed = goalsMissed(info, f);
  lines.push(`  goals: ${missed.length === 0 ? 'all hold' : `missed: ${missed.join('; ')}`}`);
  return lines;
}

export const TABLE_HEADER = [
  '| data set | split | rings found / true | ARI | ring P / R | worst typology P / R | leader@1 | role F1 | risk AUC Ringtrace / PPR / degree | P@100 Ringtrace / PPR | goals |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

/** One markdown table line; `error` instead of figures when the data set could not be measured. */
export function tableLine(info: LineInfo, result: Figures | { error: string }): string {
  if ('error' in result) {
    return `| ${info.name} | ${info.split} | | | | | | | | | error: ${result.error.replaceAll('|', '/')} |`;
  }
  const f = result;
  const dash = '–';
  const found = `${f.rings} / ${f.trueRings ?? dash}`;
  const ringPR =
    f.ringPrecision && f.ringRecall
      ? `${f2(f.ringPrecision.value)} / ${f2(f.ringRecall.value)}`
      : `accounts ${f2(f.members.precision)} / ${f2(f.members.recall)}`;
  const lowP = worst(f.precisionByTypology);
  const lowR = worst(f.recallByTypology);
  const worstPR =
    f.trueRings === null
      ? dash
      : `${lowP ? `${f2(lowP.share.value)} ${lowP.key}` : dash} / ${lowR ? `${f2(lowR.share.value)} ${lowR.key}` : dash}`;
  const risk = f.risk
    ? [
        `${f3(f.risk.ringtrace.auc)} / ${f3(f.risk.ppr.auc)} / ${f3(f.risk.degree.auc)}`,
        `${f2(f.risk.ringtrace.precisionAtTop)} / ${f2(f.risk.ppr.precisionAtTop)}`,
      ]
    : [dash, dash];
  const missed = goalsMissed(info, f);
  return [
    '',
    info.name,
    info.split,
    found,
    f.trueRings === null ? dash : f2(f.ari),
    ringPR,
    worstPR,
    f.leader ? f2(f.leader.value) : dash,
    f.roles.length > 0 ? f2(f.roleF1) : dash,
    ...risk,
    missed.length === 0 ? 'yes' : `no: ${missed.join('; ')}`,
    '',
  ]
    .join(' | ')
    .trim();
}
