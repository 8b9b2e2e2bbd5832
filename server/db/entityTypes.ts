/**
 * The kinds of identity a user can look up, expand and trace by id: each is a node label with a
 * unique `id`. Queries that start from one take its label as a parameter. Defined by the graph
 * model (`server/contract/graph.ts`).
 */
export { ENTITY_TYPES, type EntityType } from '../contract/graph';
