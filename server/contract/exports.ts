/** Exports of what is on screen: the client makes the file, the server records that it did. */
import { z } from 'zod';

export const EXPORT_FORMATS = ['png', 'svg', 'graphml', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Most entity ids named in one export record (a view larger than this records its counts). */
export const MAX_EXPORTED_IDS = 2_000;

/** `POST /api/exports`: what the user is about to export. */
export const exportRequest = z.object({
  format: z.enum(EXPORT_FORMATS),
  nodes: z.number().int().min(0).max(10_000_000),
  edges: z.number().int().min(0).max(10_000_000),
  /** The saved investigation the view belongs to, when it has been saved. */
  investigationId: z.string().trim().min(1).max(100).nullable().default(null),
  investigationName: z.string().trim().max(200).nullable().default(null),
  /** The exported nodes' ids (`Type:id`), the first `MAX_EXPORTED_IDS` of them. */
  entities: z.array(z.string().min(1).max(300)).max(MAX_EXPORTED_IDS).default([]),
});
export type ExportRequest = z.input<typeof exportRequest>;

/** The answer: the export is recorded in the audit trail; the client may now write the file. */
export const exportRecorded = z.object({
  format: z.enum(EXPORT_FORMATS),
  nodes: z.number().int(),
  edges: z.number().int(),
  recordedAt: z.string(),
});
export type ExportRecorded = z.infer<typeof exportRecorded>;
