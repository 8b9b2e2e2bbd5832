/**
 * Exports are recorded by the server before the browser writes the file: the record names the
 * format, counts, investigation and nodes, and a failed record means no file.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  exportRecord,
  recordedExport,
  type ApiCall,
} from '../../client/src/workspace/export/record';
import type { ViewSnapshot } from '../../client/src/workspace/export/snapshot';

function view(nodes: number): ViewSnapshot {
  return {
    nodes: Array.from({ length: nodes }, (_, index) => ({
      data: { id: `Person:P-${index}`, type: 'Person', entityId: `P-${index}`, label: 'P' },
      position: { x: 0, y: 0 },
      color: '#000',
      shape: 'ellipse',
      size: 30,
    })),
    edges: [],
  };
}

describe('export records', () => {
  it('name the format, counts, the investigation and the exported nodes', () => {
    expect(exportRecord(view(2), 'graphml', { id: 'w-1', name: ' Case 7 ' })).toEqual({
      format: 'graphml',
      nodes: 2,
      edges: 0,
      investigationId: 'w-1',
      investigationName: 'Case 7',
      entities: ['Person:P-0', 'Person:P-1'],
    });
    const unsaved = exportRecord(view(2_500), 'png', { id: null, name: '' });
    expect(unsaved).toMatchObject({ investigationId: null, investigationName: null, nodes: 2_500 });
    expect(unsaved.entities).toHaveLength(2_000);
  });

  it('are sent to POST /api/exports before the file is written, and no file without one', async () => {
    const order: string[] = [];
    const call = vi.fn((method: string, path: string) => {
      order.push(`${method} ${path}`);
      return Promise.resolve({ format: 'png', nodes: 1, edges: 0, recordedAt: 'now' });
    }) as unknown as ApiCall;
    const record = exportRecord(view(1), 'png', { id: null, name: 'x' });
    await recordedExport(call, record, () => order.push('write'));
    expect(order).toEqual(['POST /exports', 'write']);
    expect(call).toHaveBeenCalledWith('POST', '/exports', record);

    const refused = (() => Promise.reject(new Error('403'))) as ApiCall;
    const write = vi.fn();
    await expect(recordedExport(refused, record, write)).rejects.toThrow('403');
    expect(write).not.toHaveBeenCalled();
  });
});
