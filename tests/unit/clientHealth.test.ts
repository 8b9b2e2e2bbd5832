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
});
