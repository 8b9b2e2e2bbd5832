/**
 * The output stage of a scenario variant: passes on the rows of the files the variant writes,
 * empties the police-report columns it leaves out, drops the rest, and notes which of the entities
 * it is asked to watch (the ground truth's) appear in what it passes on. The world behind the rows
 * is untouched, so every variant of a seed describes the same world. Rows are only looked into
 * while a watched entity of a type their file can name is still unseen, which after the first
 * days is seldom.
 */
import {
  forEachRowEntity,
  KIND_ENTITY_TYPES,
  splitEntity,
  type FoundEntity,
} from '../truth/fileEntities';
import { VARIANT_SPECS, type VariantName } from '../variants';
import { FILE_KINDS, type FileKind, type Row, type ScenarioSink } from './formats';

/** A sink that forwards what `variant` writes to another sink. */
export class VariantSink implements ScenarioSink {
  /** Rows passed on, per kind (0 for the kinds the variant does not write). */
  readonly counts: Record<FileKind, number>;
  private readonly writes: ReadonlySet<FileKind>;
  private readonly empty: readonly string[];
  private readonly passThrough: boolean;
  private watched: ReadonlySet<string> = new Set();
  /** Ids (without `Type:`) of the watched entities not yet seen, by type. */
  private readonly unseen = new Map<string, Set<string>>();
  private unseenCount = 0;
  private readonly noteSeen: FoundEntity = (type, id) => {
    if (this.unseen.get(type)?.delete(id)) this.unseenCount -= 1;
  };

  constructor(
    private readonly sink: ScenarioSink,
    readonly variant: VariantName,
  ) {
    const spec = VARIANT_SPECS[variant];
    this.writes = new Set(spec.files);
    this.empty = spec.emptyColumns;
    this.passThrough = variant === 'full';
    this.counts = Object.fromEntries(FILE_KINDS.map((kind) => [kind, 0])) as Record<
      FileKind,
      number
    >;
  }

  /**
   * Starts noting which of `entities` the rows passed on name (see `appears`); call before the
   * first row. The `full` variant notes nothing: it writes every file.
   */
  watch(entities: Iterable<string>): void {
    if (FILE_KINDS.some((kind) => this.counts[kind] > 0)) {
      throw new Error('seed: VariantSink.watch must be called before the first row is written');
    }
    if (this.passThrough) return;
    this.watched = new Set(entities);
    for (const entity of this.watched) {
      const { type, id } = splitEntity(entity);
      let ids = this.unseen.get(type);
      if (!ids) this.unseen.set(type, (ids = new Set()));
      ids.add(id);
    }
    this.unseenCount = this.watched.size;
  }

  /** Whether a watched entity appeared in a row passed on (always true for `full`). */
  appears(entity: string): boolean {
    if (this.passThrough) return true;
    const { type, id } = splitEntity(entity);
    return this.watched.has(entity) && !this.unseen.get(type)?.has(id);
  }

  /** Whether a row of `kind` may name an entity still unseen. */
  private worthScanning(kind: FileKind): boolean {
    if (this.unseenCount === 0) return false;
    for (const type of KIND_ENTITY_TYPES[kind]) {
      if ((this.unseen.get(type)?.size ?? 0) > 0) return true;
    }
    return false;
  }

  write<K extends FileKind>(kind: K, row: Row<K>): void {
    if (this.passThrough) {
      this.counts[kind] += 1;
      this.sink.write(kind, row);
      return;
    }
    if (!this.writes.has(kind)) return;
    let written = row;
    if (kind === 'police-reports' && this.empty.length > 0) {
      const blanked: Record<string, string> = { ...row };
      for (const column of this.empty) blanked[column] = '';
      written = blanked as Row<K>;
    }
    if (this.worthScanning(kind)) forEachRowEntity(kind, written, this.noteSeen);
    this.counts[kind] += 1;
    this.sink.write(kind, written);
  }
}
