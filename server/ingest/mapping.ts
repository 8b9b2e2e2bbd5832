/**
 * Mapping files: load a CSV whose columns differ from Ringtrace's (docs/data-formats.md). For each
 * Ringtrace column a mapping names a column of the file, a constant, a template, a simulation step
 * to turn into a time, a time in a fixed layout (`yyyy/MM/dd HH:mm`), or a column whose values
 * are translated (`US Dollar` -> `USD`). A template fills in `{column}`, `{line}`, or
 * `{column:0N}`: the column's digits zero-padded to N (a value with more digits rejects the row),
 * which turns ids of varying length into fixed-width numbers.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config';
import { badRequest } from '../errors';
import { FILE_KINDS, KINDS, type RawRow } from './kinds';
import { RowError } from './normalize';

export const MAPPING_DEFAULTS = {
  /** The widest `{column:0N}` a template may pad to. */
  maxPadWidth: 30,
} as const;

/**
 * A template placeholder: `{name}`, or `{name:0N}` for the value zero-padded to N digits. A name
 * may hold spaces and dots (`{From Bank}`, `{Account.1}`).
 */
const PLACEHOLDER = /\{(\w[\w .-]*?)(?::0(\d+))?\}/g;

/** The fields of a time layout (`yyyy/MM/dd HH:mm`), each as the digits it matches. */
const TIME_FIELDS = { yyyy: 4, MM: 2, dd: 2, HH: 2, mm: 2, ss: 2 } as const;
type TimeField = keyof typeof TIME_FIELDS;
const TIME_FIELD = /yyyy|MM|dd|HH|mm|ss/g;

const columnSource = z.union(
  [
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
    z.object({ column: z.string().min(1), timeFormat: z.string().min(1) }).strict(),
    z
      .object({
        column: z.string().min(1),
        values: z.record(z.string(), z.string()).refine((values) => Object.keys(values).length > 0),
      })
      .strict(),
  ],
  {
    error:
      'must be a column name ("col"), {"const": "text"}, {"template": "text with {col}"}, ' +
      '{"column": "col", "stepStart": "...", "stepSeconds": n}, ' +
      '{"column": "col", "timeFormat": "yyyy/MM/dd HH:mm"} or ' +
      '{"column": "col", "values": {"in the file": "for Ringtrace"}}',
  },
);

const mappingSchema = z
  .object({
    description: z.string().optional(),
    kind: z.enum(FILE_KINDS).optional(),
    columns: z.record(z.string(), columnSource),
    defaultOffset: z
      .string()
      .regex(/^(Z|[+-]\d{2}:\d{2})$/, 'must be Z or +hh:mm')
      .optional(),
    roundAmounts: z.boolean().optional(),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
type ColumnSource = z.infer<typeof columnSource>;

/** What is wrong with a template, or undefined when every brace is a valid placeholder. */
function templateProblem(template: string): string | undefined {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const width = match[2] === undefined ? undefined : Number(match[2]);
    if (width !== undefined && (width < 1 || width > MAPPING_DEFAULTS.maxPadWidth)) {
      return (
        `"${match[0]}" pads to ${width} digits; ` +
        `the width must be 1 to ${MAPPING_DEFAULTS.maxPadWidth}`
      );
    }
  }
  const stray = /\{[^{}]*\}?|\}/.exec(template.replace(PLACEHOLDER, ''));
  if (stray) {
    return (
      `"${stray[0]}" is not a placeholder: write {column} for a column's value, {line} for the ` +
      'line number, or {column:0N} for the value zero-padded to N digits (e.g. {subscriber:08})'
    );
  }
  return undefined;
}

/** What is wrong with a time layout, or undefined when it is one Ringtrace can read. */
function timeFormatProblem(format: string): string | undefined {
  const fields: string[] = format.match(TIME_FIELD) ?? [];
  const letters = /[A-Za-z]/.exec(format.replace(TIME_FIELD, ''));
  if (letters) {
    return (
      `"${letters[0]}" is not a field: a layout is made of yyyy, MM, dd, HH, mm and ss ` +
      'with the characters between them (e.g. "yyyy/MM/dd HH:mm")'
    );
  }
  const repeated = fields.find((field, index) => fields.indexOf(field) !== index);
  if (repeated) return `${repeated} appears twice`;
  const missing = ['yyyy', 'MM', 'dd'].filter((field) => !fields.includes(field));
  if (missing.length > 0) return `it has no ${missing.join(', ')}: a time needs its date`;
  if (fields.includes('mm') && !fields.includes('HH')) return 'it has minutes (mm) but no HH';
  return undefined;
}

/**
 * Checks a mapping read from `name` (a file name, for messages): its shape, its templates, and,
 * when it names its `kind`, that it fills only that kind's columns. Throws a 400 that says what
 * to fix.
 */
export function parseMapping(value: unknown, name: string): Mapping {
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(
      `Mapping ${name}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const mapping = parsed.data;
  for (const [column, source] of Object.entries(mapping.columns)) {
    if (typeof source !== 'object') continue;
    const [field, problem] =
      'template' in source
        ? ['template', templateProblem(source.template)]
        : 'timeFormat' in source
          ? ['timeFormat', timeFormatProblem(source.timeFormat)]
          : [];
    if (problem) throw badRequest(`Mapping ${name}: columns.${column}.${field}: ${problem}`);
  }
  if (mapping.kind) {
    const definition = KINDS[mapping.kind];
    const known = [...definition.required, ...definition.optional];
    const unknown = Object.keys(mapping.columns).filter((column) => !known.includes(column));
    if (unknown.length > 0) {
      const what =
        unknown.length > 1 ? `are not ${mapping.kind} columns` : `is not a ${mapping.kind} column`;
      throw badRequest(
        `Mapping ${name}: columns: ${unknown.join(', ')} ${what} (its columns: ${known.join(', ')}).`,
      );
    }
  }
  return mapping;
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
    return [...source.template.matchAll(PLACEHOLDER)]
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

/**
 * `{name:0N}`: the value's digits zero-padded to `width`. A missing value, one that is not all
 * digits, or one with more digits than the width rejects the row.
 */
function zeroPadded(name: string, raw: string, width: number): string {
  const value = raw.trim();
  if (value === '') throw new RowError(`${name} is missing`);
  if (!/^\d+$/.test(value)) {
    throw new RowError(
      `${name} "${raw}" is not all digits, so the mapping cannot pad it to ${width} digits`,
    );
  }
  if (value.length > width) {
    throw new RowError(
      `${name} "${raw}" has ${value.length} digits, more than the ${width} the mapping pads it to`,
    );
  }
  return value.padStart(width, '0');
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching a time written in `format`, and the field each of its groups holds. */
function timeLayout(format: string): { regex: RegExp; fields: TimeField[] } {
  const fields: TimeField[] = [];
  let pattern = '';
  let end = 0;
  for (const match of format.matchAll(TIME_FIELD)) {
    const field = match[0] as TimeField;
    pattern += escapeRegex(format.slice(end, match.index)) + `(\\d{${TIME_FIELDS[field]}})`;
    fields.push(field);
    end = match.index + field.length;
  }
  return { regex: new RegExp(`^${pattern}${escapeRegex(format.slice(end))}$`), fields };
}

/** The layouts compiled so far, by format. */
const layouts = new Map<string, ReturnType<typeof timeLayout>>();

/**
 * A time written in `format` (`yyyy/MM/dd HH:mm`) as ISO 8601 without an offset (the mapping's
 * `defaultOffset` gives it one); a value of another layout rejects the row.
 */
function reformattedTime(name: string, raw: string, format: string): string {
  let layout = layouts.get(format);
  if (!layout) layouts.set(format, (layout = timeLayout(format)));
  const { regex, fields } = layout;
  const match = regex.exec(raw.trim());
  if (!match) throw new RowError(`${name} "${raw}" is not a time written ${format}`);
  const part = (field: TimeField) => {
    const at = fields.indexOf(field);
    return at < 0 ? '00' : match[at + 1]!;
  };
  return `${part('yyyy')}-${part('MM')}-${part('dd')}T${part('HH')}:${part('mm')}:${part('ss')}`;
}

function valueOf(source: ColumnSource, row: RawRow, line: number): string | undefined {
  if (typeof source === 'string') return row[source];
  if ('const' in source) return source.const;
  if ('template' in source) {
    return source.template.replace(PLACEHOLDER, (_match, name: string, width?: string) => {
      const value = name === 'line' ? String(line) : (row[name] ?? '');
      return width === undefined ? value : zeroPadded(name, value, Number(width));
    });
  }
  const raw = row[source.column];
  if (raw === undefined || raw.trim() === '') return raw;
  if ('timeFormat' in source) return reformattedTime(source.column, raw, source.timeFormat);
  if ('values' in source) {
    const value = source.values[raw.trim()];
    if (value === undefined) {
      const known = Object.keys(source.values);
      throw new RowError(
        `${source.column} "${raw}" is not one the mapping translates ` +
          `(${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})`,
      );
    }
    return value;
  }
  const step = Number(raw);
  if (!Number.isFinite(step)) return raw;
  return new Date(Date.parse(source.stepStart) + step * source.stepSeconds * 1000).toISOString();
}

/**
 * The row with Ringtrace's columns filled in from the mapping; throws a `RowError` (the row's
 * reject reason) when a padded value does not fit.
 */
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

/**
 * A mapping named on the command line: a mapping file's path, or the name of a shipped mapping
 * (`ibm-aml-transactions`). Neither is a 400 that lists the shipped ones.
 */
export function mappingByPathOrName(value: string): Mapping {
  if (existsSync(value)) return loadMappingFile(value);
  if (shippedMappings().includes(value)) return shippedMapping(value);
  throw badRequest(
    `There is no mapping file ${value}, nor a shipped mapping of that name ` +
      `(shipped: ${shippedMappings().join(', ')}).`,
  );
}
