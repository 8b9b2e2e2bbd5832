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
