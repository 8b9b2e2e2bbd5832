/**
 * The graph schema: constraints and indexes for the domain's identifiers, one statement a file in
 * `cypher/schema/`, each idempotent (`IF NOT EXISTS`). Applied in file order at every start.
 */
import { defineQuery, listQueryFiles, type NoParams, type QueryDefinition } from './query';
import type { Executor } from './executor';

export const SCHEMA_FOLDER = 'schema';

export type SchemaStatement = QueryDefinition<NoParams, never>;

/** One definition per file in `cypher/schema/`, in file order. */
export function schemaStatements(cypherDir: string): SchemaStatement[] {
  return listQueryFiles(cypherDir)
    .filter((name) => name.startsWith(`${SCHEMA_FOLDER}/`))
    .map((name) => defineQuery<NoParams, never>(name, 'write'));
}

/** Name of the constraint or index a schema statement creates. */
export function schemaObjectName(text: string): string {
  const match =
    /CREATE\s+(?:CONSTRAINT|(?:RANGE\s+|TEXT\s+|POINT\s+|FULLTEXT\s+)?INDEX)\s+([A-Za-z_]\w*)\s+IF\s+NOT\s+EXISTS/i.exec(
      text,
    );
  if (!match?.[1]) {
    const firstLine = text.split('\n').find((line) => !line.startsWith('//')) ?? '';
    throw new Error(
      `Each schema file must hold one named, idempotent constraint or index; found: ${firstLine}`,
    );
  }
  return match[1];
}

/**
 * Applies every schema statement; safe to run on every start. `onApplied` hears of each one done
 * (a constraint on a freshly imported graph takes a while: its index is built first).
 */
export async function applySchema(
  executor: Executor,
  statements: readonly SchemaStatement[],
  onApplied?: (done: number, total: number, name: string) => void,
): Promise<void> {
  for (const [index, statement] of statements.entries()) {
    await executor.run(statement, {});
    onApplied?.(index + 1, statements.length, statement.name);
  }
}
