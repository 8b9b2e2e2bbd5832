/** The workspace's evidence request: what it sends for a view of one ring, and for any other view. */
import { describe, expect, it } from 'vitest';
import { bundleLine, evidenceRequest } from '../../client/src/workspace/export/evidence';
import type { SnapshotNode, ViewSnapshot } from '../../client/src/workspace/export/snapshot';

function node(type: string, entityId: string, x: number, ring?: string): SnapshotNode {
  return {
    data: { id: `${type}:${entityId}`, type, entityId, label: entityId, ...(ring ? { ring } : {}) },
    position: { x, y: x / 2 },
    color: '#000',
    shape: 'ellipse',
    size: 10,
  };
}

describe('evidence request from the workspace', () => {
  it('sends the ring when every entity on screen belongs to it, with positions by Type:id', () => {
    const view: ViewSnapshot = {
      nodes: [
        node('BankAccount', 'ICBC:1', 10.4, 'run-1/3'),
        node('PhoneNumber', '+8613800138000', 20, 'run-1/3'),
        node('Ring', 'run-1/3', 0),
      ],
      edges: [],
    };
    expect(evidenceRequest(view, null, ' CASE-1 ')).toEqual({
      from: { ring: 'run-1/3' },
      arrangement: {
        positions: {
          'BankAccount:ICBC:1': { x: 10, y: 5 },
          'PhoneNumber:+8613800138000': { x: 20, y: 10 },
        },
        picture: null,
      },
      caseNumber: 'CASE-1',
      note: null,
    });
  });

  it('sends the entities of any other view, leaving out events and rings', () => {
    const view: ViewSnapshot = {
      nodes: [
        node('BankAccount', 'ICBC:1', 0, 'run-1/3'),
        node('Person', 'P1', 0),
        node('Transfer', 'ICBC:T-1', 0),
      ],
      edges: [],
    };
    const request = evidenceRequest(view, 'data:image/png;base64,AAAA', '');
    expect(request.from).toEqual({ entities: ['BankAccount:ICBC:1', 'Person:P1'] });
    expect(request.caseNumber).toBeNull();
    expect(request.arrangement?.picture).toBe('data:image/png;base64,AAAA');
  });

  it('sends the trace when the view is the accounts of the forward trace the form names', () => {
    const edge = (id: string) => ({
      data: { id, source: 'BankAccount:ICBC:1', target: 'BankAccount:CCB:2', type: 'TRANSFER' },
      width: 1,
    });
    const view: ViewSnapshot = {
      nodes: [node('BankAccount', 'ICBC:1', 0), node('BankAccount', 'CCB:2', 100)],
      edges: [edge('Transfer:ICBC:T-1'), edge('Transfer:CCB:T-2')],
    };
    const trace = { transfer: 'ICBC:T-1', depth: 9, windowHours: 24 };
    expect(evidenceRequest(view, null, null, null, trace).from).toEqual({
      trace: 'ICBC:T-1',
      depth: 6,
      windowHours: 24,
    });
    // Another transfer named in the form, or more than accounts on screen: the entities.
    expect(
      evidenceRequest(view, null, null, null, { ...trace, transfer: 'ICBC:T-9' }).from,
    ).toEqual({ entities: ['BankAccount:ICBC:1', 'BankAccount:CCB:2'] });
    const withPerson = { ...view, nodes: [...view.nodes, node('Person', 'P1', 0)] };
    expect(evidenceRequest(withPerson, null, null, null, trace).from).toHaveProperty('entities');
  });

  it('lists a bundle with when, who, what from and its manifest hash', () => {
    const line = bundleLine({
      id: 'ev_20261005_0123456789ab',
      createdAt: '2026-10-05T08:00:00.000Z',
      createdBy: { username: 'ivy', displayName: 'Ivy', role: 'investigator', organisation: null },
      caseNumber: 'C-1',
      note: null,
      madeFrom: { kind: 'ring', id: 'run/1', title: 'Ring 1 of analysis run run' },
      scope: 'all',
      ringtraceVersion: '0.1.0',
      manifestSha256: 'f'.repeat(64),
      zipSha256: 'e'.repeat(64),
      zipBytes: 1,
      files: [],
      counts: { nodes: 1, events: 0, links: 0, sources: 0 },
      truncated: false,
    });
    expect(line).toBe(
      `2026-10-05 08:00 UTC ivy: Ring 1 of analysis run run (ev_20261005_0123456789ab), manifest SHA-256 ${'f'.repeat(64)}`,
    );
  });
});
