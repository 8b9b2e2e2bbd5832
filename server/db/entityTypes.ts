/**
 * The kinds of identity a user can look up, expand and trace by id: each is a node label with a
 * unique `id` (docs/data-model.md). Queries that start from one take its label as a parameter.
 */
export const ENTITY_TYPES = [
  'BankAccount',
  'PhoneNumber',
  'SIM',
  'Device',
  'PlatformAccount',
  'IPAddress',
  'Person',
  'Case',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];
