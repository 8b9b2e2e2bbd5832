/**
 * Uploading a partner file: `POST /api/ingest/:kind` with the file as the body (CSV or JSON
 * Lines). A partner uploads only its sector's kinds, recorded as from its own organisation and
 * loaded as its own records (its namespace; rows about other organisations' records rejected).
 *
 * An upload is recorded in the audit trail when it starts (`data.submit`, outcome `started`,
 * with its `uploadId`), before anything is received or loaded, so one cut off by a crash still
 * leaves a record; its end is recorded under the same `uploadId`, and a failure says how many
 * rows were committed before it.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { loadSummary } from '../contract/ingest';
import { uploadRefusal } from '../auth/sectors';
import { forbidden } from '../errors';
import { FILE_KINDS } from '../ingest/kinds';
import { LOAD_DEFAULTS, loadFile, sourceOf, type LoadProgress } from '../ingest/loader';
import { shippedMapping } from '../ingest/mapping';
import { saveUpload, uploadsDir } from '../ingest/upload';
import { loadQuery } from '../http/validation';
import { route, type ApiRoute } from './context';

const uploadQuery = z.object({
  ...loadQuery,
  mapping: z.string().trim().max(64).optional(),
  fileName: z.string().trim().min(1).max(200).optional(),
});

const kindParams = z.object({ kind: z.enum(FILE_KINDS) });

export const ingestRoutes: ApiRoute[] = [
  route({
    method: 'post',
    path: '/ingest/:kind',
    summary: 'Load a partner file sent as the body; answers with the load summary',
    access: ['data:submit'],
    audit: 'data.submit',
    expensive: true,
    input: { params: kindParams, query: uploadQuery },
    output: loadSummary,
    async handle({ params: { kind }, query, principal, req }, context) {
      const partner = principal.role === 'partner';
      const refusal = partner ? uploadRefusal(principal.sector, kind) : null;
      if (refusal) throw forbidden(refusal);
      if (partner && query.history) {
        throw forbidden(
          'Only the centre loads history; a partner’s records are scored as they arrive.',
        );
      }
      const organisation = partner ? (principal.organisation ?? '') : (query.org ?? 'police');
      const mapping = query.mapping ? shippedMapping(query.mapping) : undefined;
      const uploadId = randomUUID();
      const fileName = query.fileName ?? `upload.${kind}`;
      const started = { kind, organisation, fileName, uploadId };
      await context.audit.append({
        actor: principal.username,
        role: principal.role,
        action: 'data.submit',
        target: null,
        params: {
          ...started,
          mapping: query.mapping ?? null,
          country: query.country,
          history: query.history,
        },
        resultSize: 0,
        outcome: 'started',
        requestId: typeof req.id === 'string' ? req.id : null,
      });
      // What the database holds of this upload so far: told after each committed batch.
      let committed: LoadProgress | undefined;
      let sourceId: string | undefined;
      let file: string | undefined;
      try {
        file = await saveUpload(
          req,
          uploadsDir(context.ingest.workDir),
          context.ingest.maxUploadBytes,
          uploadId,
        );
        const summary = await loadFile(context.executor, file, {
          kind,
          organisation,
          partner,
          workDir: context.ingest.workDir,
          batchSize: LOAD_DEFAULTS.uploadBatchSize,
          fileName,
          country: query.country as 'CN',
          ...(mapping ? { mapping } : {}),
          onInspected: (info) => {
            sourceId = sourceOf(kind, organisation, info.hash).id;
          },
          onProgress: (progress) => {
            committed = progress;
          },
          onWritten: async (written, rows) => {
            await context.warning.score(written, rows, { history: query.history });
          },
        });
        return {
          body: { ...summary, rejectsFile: undefined },
          audit: {
            target: `Source:${summary.sourceId}`,
            params: {
              ...started,
              fileName: summary.file,
              rowsRead: summary.rowsRead,
              rejected: summary.rejected,
              duplicates: summary.duplicates,
            },
            resultSize: summary.loaded,
          },
        };
      } catch (error) {
        // Recorded with the failure (`failed:<status>`): what was committed before it.
        if (error instanceof Error) {
          Object.assign(error, {
            audit: {
              target: sourceId ? `Source:${sourceId}` : null,
              params: {
                ...started,
                committedRowsRead: committed?.rowsRead ?? 0,
                committedLoaded: committed?.loaded ?? 0,
                committedRejected: committed?.rejected ?? 0,
              },
              resultSize: committed?.loaded ?? 0,
            },
          });
        }
        throw error;
      } finally {
        if (file) rmSync(file, { force: true });
        // Even a load that failed part way may have written rows: risk answers read them.
        context.analysis.dataLoaded();
      }
    },
  }),
];
