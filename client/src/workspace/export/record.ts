/**
 * Exports are recorded by the server before the browser writes the file: `POST /api/exports` puts
 * who exported what (format, counts, investigation, entity ids) in the audit trail. An export the
 * server did not record is not made.
 */
import type { ExportFormat, ExportRecorded, ExportRequest } from '../../../../server/contract';
import type { ViewSnapshot } from './snapshot';

/** Most entity ids sent with one record (`MAX_EXPORTED_IDS` in `server/contract/exports.ts`). */
const MAX_IDS = 2_000;

/** The record of exporting `view` as `format`, from the investigation open now (if saved). */
export function exportRecord(
  view: ViewSnapshot,
  format: ExportFormat,
  investigation: { id: string | null; name: string },
): ExportRequest {
  return {
    format,
    nodes: view.nodes.length,
    edges: view.edges.length,
    investigationId: investigation.id,
    investigationName: investigation.name.trim().slice(0, 200) || null,
    entities: view.nodes.slice(0, MAX_IDS).map((node) => node.data.id),
  };
}

export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * Asks the server to record the export, then writes the files; if recording fails (the error
 * propagates) nothing is written.
 */
export async function recordedExport(
  call: ApiCall,
  record: ExportRequest,
  write: () => void,
): Promise<ExportRecorded> {
  const recorded = await call<ExportRecorded>('POST', '/exports', record);
  write();
  return recorded;
}
