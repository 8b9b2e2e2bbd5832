/**
 * Mapping files: load a CSV whose columns differ from Ringtrace's (docs/data-formats.md). For each
 * Ringtrace column a mapping names a column of the file, a constant, a template, or a simulation
 * step to turn into a time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config';
import { badRequest } from '../errors';
import { FILE_KINDS, type RawRow } from './kinds';

const columnSource = z.union([
  z.string().min(1),
  z.object({ const: z.string() }).strict(),
  z.object({ template: z.string().min(1) }).strict(),
  z
    .object({
      column: z.string().min(1),
      stepStart: z.iso.datetime({ offset: true }),
      stepSeconds: z.number().positive(),
    })
    .strict(),
]);

const mappingSchema = z
  .object({
    description: z.string().optional(),
    kind: z.enum(FILE_KINDS).optional(),
    columns: z.record(z.string(), columnSource),
    defaultOffset: z
      .string()
      .regex(/^(Z|[+-]\d{2}:\d{2})$/, 'must be Z or +hh:mm')
      .optional(),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
type ColumnSource = z.infer<typeof columnSource>;

export function parseMapping(value: unknown, name: string): Mapping {
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(
      `Mapping ${name}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

export function loadMappingFile(path: string): Mapping {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw badRequest(`Mapping ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  return parseMapping(value, path);
}

/** Columns of the file a mapping reads. */
function sourceColumns(source: ColumnSource): string[] {
  if (typeof source === 'string') return [source];
  if ('column' in source) return [source.column];
  if ('template' in source) {
    return [...source.template.matchAll(/\{(\w+)\}/g)]
      .map((match) => match[1] as string)
      .filter((name) => name !== 'line');
  }
  return [];
}

/**
 * The header as Ringtrace will see it after mapping; throws when the mapping reads a column the
 * file does not have.
 */
export function mappedHeader(mapping: Mapping, header: readonly string[]): string[] {
  const missing = Object.values(mapping.columns)
    .flatMap(sourceColumns)
    .filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw badRequest(
      `The mapping reads columns the file does not have: ${[...new Set(missing)].join(', ')}. ` +
        `The file's columns are: ${header.join(', ')}.`,
    );
  }
  return [...new Set([...header, ...Object.keys(mapping.columns)])];
}

function valueOf(source: ColumnSource, row: RawRow, line: number): string | undefined {
  if (typeof source === 'string') return row[source];
  if ('const' in source) return source.const;
  if ('template' in source) {
    return source.template.replace(/\{(\w+)\}/g, (_match, name: string) =>
      name === 'line' ? String(line) : (row[name] ?? ''),
    );
  }
  const step = Number(row[source.column]);
  if (!Number.isFinite(step)) return row[source.column];
  return new Date(Date.parse(source.stepStart) + step * source.stepSeconds * 1000).toISOString();
}

/** The row with Ringtrace's columns filled in from the mapping. */
export function applyMapping(mapping: Mapping, row: RawRow, line: number): RawRow {
  const mapped: Record<string, string | undefined> = { ...row };
  for (const [column, source] of Object.entries(mapping.columns)) {
    mapped[column] = valueOf(source, row, line);
  }
  return mapped;
}

/** The mapping files shipped with Ringtrace. */
export const MAPPINGS_DIR = path.join(PROJECT_ROOT, 'server', 'ingest', 'mappings');

/** Names of the shipped mappings (`amlsim-transactions`, ...). */
export function shippedMappings(): string[] {
  return readdirSync(MAPPINGS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** A shipped mapping by name; an unknown name is a 400 that lists the known ones. */
export function shippedMapping(name: string): Mapping {
  const known = shippedMappings();
  if (!known.includes(name)) {
    throw badRequest(`Unknown mapping "${name}"; known: ${known.join(', ')}.`);
  }
  return loadMappingFile(path.join(MAPPINGS_DIR, `${name}.json`));
}
