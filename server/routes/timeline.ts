/**
 * `GET /api/timeline?entities=BankAccount:ICBC:6222...,PhoneNumber:+86...&from=&to=`: the calls,
 * transfers, logins, messages and reports of a set of entities, in time order, a page at a time.
 */
import { z } from 'zod';
import { queries } from '../db/queries';
import { badRequest } from '../errors';
import { timeline } from '../contract/explore';
import { FROM_BEFORE_TO, fromBeforeTo, timeWindow } from '../http/validation';
import { route, type ApiRoute } from './context';

const MAX_ENTITIES = 50;
const timelineQuery = z
  .object({
    entities: z.string().min(1).max(5_000),
    ...timeWindow,
    skip: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine(fromBeforeTo, FROM_BEFORE_TO);

function entityItems(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `Type:id` items -> ids per kind; only accounts, numbers and platform accounts have events. */
function entitiesByKind(items: readonly string[]) {
  if (items.length > MAX_ENTITIES) throw badRequest(`At most ${MAX_ENTITIES} entities at once.`);
  const byKind = { accounts: [] as string[], numbers: [] as string[], handles: [] as string[] };
  for (const item of items) {
    const [type, ...rest] = item.split(':');
    const id = rest.join(':');
    if (!id) throw badRequest(`"${item}" is not Type:id.`);
    if (type === 'BankAccount') byKind.accounts.push(id);
    else if (type === 'PhoneNumber') byKind.numbers.push(id);
    else if (type === 'PlatformAccount') byKind.handles.push(id);
    else
      throw badRequest(`${type} has no timeline; use BankAccount, PhoneNumber or PlatformAccount.`);
  }
  return byKind;
}

export const timelineRoutes: ApiRoute[] = [
  route({
    method: 'get',
    path: '/timeline',
    summary: 'Calls, transfers, logins, messages and reports of a set of entities, in time order',
    access: ['graph:read'],
    audit: 'timeline',
    input: { query: timelineQuery },
    output: timeline,
    async handle({ query }, context) {
      const entities = entityItems(query.entities);
      const rows = await context.executor.run(queries.eventsOfEntities, {
        ...entitiesByKind(entities),
        from: query.from ?? null,
        to: query.to ?? null,
        skip: query.skip,
        limit: query.limit,
      });
      const events = rows.slice(0, query.limit);
      return {
        body: { events, skip: query.skip, limit: query.limit, more: rows.length > query.limit },
        audit: {
          // Every entity read is named (at most MAX_ENTITIES of them), not a prefix of the list.
          target: entities.join(','),
          params: {
            entities,
            from: query.from ?? null,
            to: query.to ?? null,
            skip: query.skip,
          },
          resultSize: events.length,
        },
      };
    },
  }),
];
