import { describe, expect, it } from 'vitest';
import { toStatusView, type HealthReportDto } from '../../client/src/health';

const healthy: HealthReportDto = {
  status: 'ok',
  neo4j: {
    reachable: true,
    kind: 'local',
    version: '5.26.19',
    edition: 'community',
    database: 'neo4j',
    local: { state: 'running', restarts: 0, lastExitAt: null, lastExit: null, lastRestartAt: null },
  },
  gds: { loaded: true, version: '2.13.9' },
  apoc: { loaded: true, version: '5.26.5' },
  schema: { inPlace: true, missing: [] },
};

describe('status panel view', () => {
  it('shows versions and a ready summary when all is well', () => {
    const view = toStatusView(healthy);
    expect(view.tone).toBe('ok');
    expect(view.rows).toEqual([
      { label: 'Neo4j', value: '5.26.19 community (local, database neo4j)', ok: true },
      { label: 'Graph Data Science', value: 'loaded (2.13.9)', ok: true },
      { label: 'APOC', value: 'loaded (5.26.5)', ok: true },
      { label: 'Schema', value: 'in place', ok: true },
    ]);
  });

  it('names what is missing when degraded', () => {
    const view = toStatusView({
      ...healthy,
      status: 'degraded',
      gds: { loaded: false, version: null },
      schema: { inPlace: false, missing: ['device_id'] },
    });
    expect(view.tone).toBe('warn');
    expect(view.rows).toContainEqual({
      label: 'Graph Data Science',
      value: 'not loaded',
      ok: false,
    });
    expect(view.rows).toContainEqual({ label: 'Schema', value: 'missing: device_id', ok: false });
  });

  it('says when the local Neo4j stopped on its own and was started again', () => {
    const restarting = toStatusView({
      ...healthy,
      status: 'unavailable',
      neo4j: {
        ...healthy.neo4j,
        reachable: false,
        local: {
          state: 'restarting',
          restarts: 0,
          lastExitAt: '2026-12-04T10:00:00.000Z',
          lastExit: 'exit code null, signal SIGKILL',
          lastRestartAt: null,
        },
      },
    });
    expect(restarting.rows).toContainEqual({
      label: 'Local Neo4j',
      value:
        'stopped unexpectedly at 2026-12-04T10:00:00.000Z (exit code null, signal SIGKILL); starting it again',
      ok: false,
    });
    const restarted = toStatusView({
      ...healthy,
      neo4j: {
        ...healthy.neo4j,
        local: {
          state: 'running',
          restarts: 1,
          lastExitAt: '2026-12-04T10:00:00.000Z',
          lastExit: 'exit code null, signal SIGKILL',
          lastRestartAt: '2026-12-04T10:00:20.000Z',
        },
      },
    });
    expect(restarted.rows.find((row) => row.label === 'Local Neo4j')?.value).toMatch(
      /^restarted once after stopping unexpectedly, last at 2026-12-04T10:00:20.000Z/,
    );
  });
});
