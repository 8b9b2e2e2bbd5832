/**
 * Pure mapping from the server's health report to what the status panel shows.
 */

import type { HealthReport } from '../../server/contract';

/** The report as the client receives it. */
export type HealthReportDto = HealthReport;

export interface StatusRow {
  label: string;
  value: string;
  ok: boolean;
}

export interface StatusView {
  summary: string;
  tone: 'ok' | 'warn' | 'error';
  rows: StatusRow[];
}

function plugin(name: string, health: { loaded: boolean; version: string | null }): StatusRow {
  return {
    label: name,
    value: health.loaded ? `loaded${health.version ? ` (${health.version})` : ''}` : 'not loaded',
    ok: health.loaded,
  };
}

/** A row about the local Neo4j when it is being restarted or was restarted after a crash. */
function restartRows(report: HealthReportDto): StatusRow[] {
  const local = report.neo4j.local;
  if (!local || (local.state === 'running' && local.restarts === 0)) return [];
  if (local.state === 'restarting') {
    return [
      {
        label: 'Local Neo4j',
        value: `stopped unexpectedly at ${local.lastExitAt ?? '?'} (${local.lastExit ?? '?'}); starting it again`,
        ok: false,
      },
    ];
  }
  const times = local.restarts === 1 ? 'once' : `${local.restarts} times`;
  return [
    {
      label: 'Local Neo4j',
      value: `restarted ${times} after stopping unexpectedly, last at ${local.lastRestartAt ?? '?'} (${local.lastExit ?? '?'})`,
      ok: local.state === 'running',
    },
  ];
}

export function toStatusView(report: HealthReportDto): StatusView {
  const summary =
    report.status === 'ok'
      ? 'All systems ready.'
      : report.status === 'degraded'
        ? 'Running, with problems listed below.'
        : 'The graph database cannot be reached.';
  const rows: StatusRow[] = [
    {
      label: 'Neo4j',
      value: report.neo4j.reachable
        ? `${report.neo4j.version ?? '?'} ${report.neo4j.edition ?? ''} (${report.neo4j.kind}, database ${report.neo4j.database})`.trim()
        : 'unreachable',
      ok: report.neo4j.reachable,
    },
    ...restartRows(report),
    plugin('Graph Data Science', report.gds),
    plugin('APOC', report.apoc),
    {
      label: 'Schema',
      value: report.schema.inPlace ? 'in place' : `missing: ${report.schema.missing.join(', ')}`,
      ok: report.schema.inPlace,
    },
  ];
  const tone = report.status === 'ok' ? 'ok' : report.status === 'degraded' ? 'warn' : 'error';
  return { summary, tone, rows };
}
