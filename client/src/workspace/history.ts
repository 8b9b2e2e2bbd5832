/**
 * Undo and redo as a pure command history: commands are data, each with an inverse; `record`,
 * `undo` and `redo` return a new history and the command to apply. The canvas applies commands;
 * this module never touches it.
 */
import type { Elements } from './model';

export type Command =
  | { kind: 'add'; elements: Elements }
  | { kind: 'remove'; elements: Elements }
  | { kind: 'hide'; ids: string[] }
  | { kind: 'show'; ids: string[] }
  | { kind: 'pin'; ids: string[] }
  | { kind: 'unpin'; ids: string[] }
  | {
      kind: 'move';
      moves: { id: string; from: { x: number; y: number }; to: { x: number; y: number } }[];
    };

export function invert(command: Command): Command {
  switch (command.kind) {
    case 'add':
      return { kind: 'remove', elements: command.elements };
    case 'remove':
      return { kind: 'add', elements: command.elements };
    case 'hide':
      return { kind: 'show', ids: command.ids };
    case 'show':
      return { kind: 'hide', ids: command.ids };
    case 'pin':
      return { kind: 'unpin', ids: command.ids };
    case 'unpin':
      return { kind: 'pin', ids: command.ids };
    case 'move':
      return {
        kind: 'move',
        moves: command.moves.map((move) => ({ id: move.id, from: move.to, to: move.from })),
      };
  }
}

export interface History {
  readonly done: readonly Command[];
  readonly undone: readonly Command[];
}

/** Most commands kept; the oldest fall off. */
export const HISTORY_LIMIT = 200;

export const emptyHistory: History = { done: [], undone: [] };

/** A command the user just did: it can be undone, and the redo list is cleared. */
export function record(history: History, command: Command, limit = HISTORY_LIMIT): History {
  const done = [...history.done, command];
  return { done: done.slice(Math.max(0, done.length - limit)), undone: [] };
}

/** The command that undoes the last one (apply it), or null when there is nothing to undo. */
export function undo(history: History): { history: History; apply: Command } | null {
  const last = history.done[history.done.length - 1];
  if (!last) return null;
  return {
    history: { done: history.done.slice(0, -1), undone: [...history.undone, last] },
    apply: invert(last),
  };
}

/** The command to redo (apply it), or null when there is nothing to redo. */
export function redo(history: History): { history: History; apply: Command } | null {
  const last = history.undone[history.undone.length - 1];
  if (!last) return null;
  return {
    history: { done: [...history.done, last], undone: history.undone.slice(0, -1) },
    apply: last,
  };
}
