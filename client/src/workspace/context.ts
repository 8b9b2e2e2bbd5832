/**
 * What the workspace's panels share: the canvas, DOM look-ups, the loading indicator and the
 * message line (errors from the API shown as their title and detail).
 */
import { errorMessage } from '../api';
import type { ForwardTrace } from '../../../server/contract';
import type { Canvas } from './canvas';

export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing #${id}`);
  return found as T;
}

export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

export interface WorkspaceContext {
  readonly canvas: Canvas;
  /** Shows the loading indicator while `work` runs; errors go to the message line. */
  busy<T>(label: string, work: () => Promise<T>): Promise<T | undefined>;
  say(message: string, tone?: 'info' | 'error'): void;
  /** Opens the expansion dialog for a node. */
  expand(nodeId: string): void;
  /** Shows a forward trace's holding accounts and their stops; null hides them. */
  traceStops?(trace: ForwardTrace | null): void;
}

let pending = 0;

export function makeBusy(say: WorkspaceContext['say']): WorkspaceContext['busy'] {
  return async (label, work) => {
    const indicator = el('ws-busy');
    pending += 1;
    indicator.textContent = label;
    indicator.hidden = false;
    try {
      return await work();
    } catch (error) {
      say(errorMessage(error), 'error');
      return undefined;
    } finally {
      pending -= 1;
      if (pending === 0) indicator.hidden = true;
    }
  };
}

export function say(message: string, tone: 'info' | 'error' = 'info'): void {
  const line = el('ws-message');
  line.textContent = message;
  line.className = `ws-message ${tone}`;
}
