/**
 * Queries live in `cypher/`, one query a file. A `QueryDefinition` pairs a file with its parameter
 * and row types, its access mode and the parameters that must reach Neo4j as integers.
 * `loadQueries` reads every file once at start and fails at once when a file is missing, a file
 * has no definition, or a file's header and body disagree about its parameters.
 *
 * A query file starts with a header of `//` comment lines:
 *
 *     // What the query is for.
 *     // @param $limit   how many rows
 *     // @returns name, version
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type AccessMode = 'read' | 'write';

export interface QueryDefinition<Params, Row> {
  /** Path of the file under `cypher/`, without `.cypher`, e.g. `health/dbmsComponents`. */
  readonly name: string;
  readonly mode: AccessMode;
  /** Parameters sent as Neo4j Integers (limits, skips, hop counts). */
  readonly integerParams: readonly (keyof Params & string)[];
  /** Run against the `system` database instead of Ringtrace's own. */
  readonly system: boolean;
  /** A longer server-side limit than the executor's default, for long analyses. */
  readonly timeoutMs?: number;
  /** The parameter that names the start node's label (`:$($type)` in the file); see `LabelParam`. */
  readonly labelParam?: LabelParam<Params>;
  /** Phantom field carrying the parameter and row types; never set. */
  readonly types?: { readonly params: Params; readonly row: Row };
}

/**
 * A parameter used as a label, written `:$($name)` in the file (Cypher's dynamic label). Neo4j
 * 5.26 cannot look a dynamic label up in an index, so the file is prepared once for each label of
 * the closed list, with the label written in, and the executor sends the text for the label
 * given. A value outside the list is refused before anything reaches Neo4j.
 */
export interface LabelParam<Params> {
  readonly name: keyof Params & string;
  readonly labels: readonly string[];
}

export interface QueryOptions<Params> {
  readonly integerParams?: readonly (keyof Params & string)[];
  readonly system?: boolean;
  readonly timeoutMs?: number;
  readonly labelParam?: LabelParam<Params>;
}

export type NoParams = Record<string, never>;

export type Nullable<T> = T | null;

export function defineQuery<Params, Row>(
  name: string,
  mode: AccessMode,
  options: QueryOptions<Params> = {},
): QueryDefinition<Params, Row> {
  return {
    name,
    mode,
    integerParams: options.integerParams ?? [],
    system: options.system ?? false,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.labelParam ? { labelParam: options.labelParam } : {}),
  };
}

/** What the loader needs of a definition, whatever its types. */
export interface AnyQuery {
  readonly name: string;
  readonly mode: AccessMode;
  readonly system: boolean;
  readonly labelParam?: { readonly name: string; readonly labels: readonly string[] };
}

/**
 * Query texts by definition name, loaded and checked; a query with a label parameter has one text
 * for each label, under `labelledTextKey`.
 */
export type QueryTexts = ReadonlyMap<string, string>;

/** Where the text of a labelled query for one label is kept in `QueryTexts`. */
export function labelledTextKey(name: string, label: string): string {
  return `${name}:${label}`;
}

const LABEL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The file's text with the label parameter `:$($name)` replaced by `label`. */
function withLabel(name: string, text: string, param: string, label: string): string {
  const placeholder = `:$($${param})`;
  if (!text.includes(placeholder)) {
    throw new QueryFileError(
      `cypher/${name}.cypher does not use its label parameter ${placeholder}`,
    );
  }
  if (!LABEL_NAME.test(label)) {
    throw new QueryFileError(`cypher/${name}.cypher: "${label}" is not a plain label name`);
  }
  return text.split(placeholder).join(`:${label}`);
}

export class QueryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryFileError';
  }
}

/** All `.cypher` files under `dir`, as names relative to it without the extension. */
export function listQueryFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.cypher'))
    .map((file) => file.slice(0, -'.cypher'.length).split(path.sep).join('/'))
    .sort();
}

/** Parameters the header declares with `// @param $name`. */
export function declaredParameters(text: string): Set<string> {
  const declared = new Set<string>();
  for (const match of text.matchAll(/^\s*\/\/\s*@param\s+\$([A-Za-z_]\w*)/gm)) {
    declared.add(match[1] as string);
  }
  return declared;
}

/** Parameters the query body uses (`$name` outside comments and string literals). */
export function usedParameters(text: string): Set<string> {
  const body = text
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  const used = new Set<string>();
  for (const match of body.matchAll(/\$([A-Za-z_]\w*)/g)) used.add(match[1] as string);
  return used;
}

function checkHeader(name: string, text: string): void {
  const declared = declaredParameters(text);
  const used = usedParameters(text);
  const undeclared = [...used].filter((param) => !declared.has(param));
  const unused = [...declared].filter((param) => !used.has(param));
  if (undeclared.length > 0 || unused.length > 0) {
    throw new QueryFileError(
      `cypher/${name}.cypher: header and body disagree` +
        (undeclared.length ? `; used but not declared: $${undeclared.join(', $')}` : '') +
        (unused.length ? `; declared but not used: $${unused.join(', $')}` : ''),
    );
  }
  if (!/\S/.test(text.replace(/\/\/[^\n]*/g, ''))) {
    throw new QueryFileError(`cypher/${name}.cypher holds no query`);
  }
}

/**
 * The text sent to Neo4j: the file without its whole-line comments, indentation and blank lines.
 * Every query travels in each request; the driver writes a message in pieces of 1,400 bytes, each
 * a system call, so a short text saves writes on the larger queries. A file with a string literal
 * that spans lines (a line with an odd number of quotes) is sent as it is.
 */
export function compactQueryText(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  const code = lines.filter((line) => line !== '' && !line.startsWith('//'));
  const quotesBalanced = code.every((line) => {
    const plain = line.replace(/\\./g, '');
    return (plain.split("'").length - 1) % 2 === 0 && (plain.split('"').length - 1) % 2 === 0;
  });
  return quotesBalanced ? code.join('\n') : text;
}

/**
 * Reads the file of every definition from `dir` and checks it.
 * @param ignore  folders under `dir` whose files are not in the registry (e.g. `schema`)
 */
export function loadQueries(
  dir: string,
  definitions: readonly AnyQuery[],
  ignore: readonly string[] = [],
): QueryTexts {
  const files = new Set(listQueryFiles(dir));
  const texts = new Map<string, string>();
  const defined = new Set(definitions.map((definition) => definition.name));
  for (const definition of definitions) {
    if (!files.has(definition.name)) {
      throw new QueryFileError(
        `Query file cypher/${definition.name}.cypher is missing (in ${dir})`,
      );
    }
    const text = readFileSync(path.join(dir, `${definition.name}.cypher`), 'utf8');
    checkHeader(definition.name, text);
    const labelParam = definition.labelParam;
    if (!labelParam) {
      texts.set(definition.name, compactQueryText(text));
      continue;
    }
    for (const label of labelParam.labels) {
      texts.set(
        labelledTextKey(definition.name, label),
        compactQueryText(withLabel(definition.name, text, labelParam.name, label)),
      );
    }
  }
  const orphans = [...files].filter(
    (file) => !defined.has(file) && !ignore.some((folder) => file.startsWith(`${folder}/`)),
  );
  if (orphans.length > 0) {
    throw new QueryFileError(
      `Query files without a definition: ${orphans.map((file) => `cypher/${file}.cypher`).join(', ')}`,
    );
  }
  return texts;
}
