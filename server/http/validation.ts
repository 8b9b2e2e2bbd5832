/** Request validation at the edge: a zod schema per input, errors that say what to fix. */
import { z } from 'zod';
import { badRequest } from '../errors';

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.length ? `${where}.${issue.path.join('.')}` : where;
    return `${field}: ${issue.message}`;
  });
  throw badRequest(problems.join('; '));
}

/** `?skip=&limit=` with a default page size and a hard cap. */
export function pageQuery(defaultLimit = 50, maxLimit = 200) {
  return z.object({
    skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  });
}

/** An ISO-8601 time with an offset, as a UTC ISO string. */
export const isoTime = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** Optional `from` and `to` times; `from` must come before `to`. */
export const timeWindow = {
  from: isoTime.optional(),
  to: isoTime.optional(),
};

export function fromBeforeTo(query: {
  from?: string | undefined;
  to?: string | undefined;
}): boolean {
  return !query.from || !query.to || query.from < query.to;
}

export const FROM_BEFORE_TO = { message: '"from" must be before "to"' } as const;

/** A comma-separated list of closed-list values, such as `?relationships=CALLED,TRANSFERRED`. */
export function commaList<T extends string>(allowed: readonly [T, ...T[]]) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowed)).min(1));
}

/** `Type:id,Type:id,...` references to entities of the given types, `min` to `max` of them. */
export function entityRefList<T extends string>(
  types: readonly [T, ...T[]],
  min: number,
  max: number,
) {
  const typeSchema = z.enum(types);
  return z
    .string()
    .max(10_000)
    .transform((text, context) => {
      const refs: { type: T; id: string }[] = [];
      for (const item of text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const colon = item.indexOf(':');
        const type = typeSchema.safeParse(item.slice(0, colon));
        const id = item.slice(colon + 1);
        if (colon <= 0 || !id || !type.success) {
          context.addIssue({
            code: 'custom',
            message: `"${item.slice(0, 100)}" is not Type:id with Type one of ${types.join(', ')}`,
          });
          return z.NEVER;
        }
        refs.push({ type: type.data, id });
      }
      if (refs.length < min || refs.length > max) {
        context.addIssue({ code: 'custom', message: `give ${min} to ${max} entities` });
        return z.NEVER;
      }
      return refs;
    });
}

/**
 * The query of the routes that load partner records (`POST /api/ingest/:kind`, `POST
 * /api/events`): who supplied them (police users name it; a partner's is its own), the country
 * of numbers written without one, and whether they are history (learnt from, no alert raised).
 */
export const loadQuery = {
  org: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{2,64}$/, 'use 2-64 letters, digits, dot, dash or underscore')
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code')
    .default('CN'),
  history: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
};
