/**
 * What the stop views share across the page: the signed-in user's stop permissions, and the
 * event that tells every view a stop changed here (a request sent, a hold renewed, frozen or
 * released), so the trace, the canvas marks and the lists read them again.
 */
import { stopAccess, type StopAccess } from './model';

let access: StopAccess = { request: false, read: false, answer: false };

export function setStopAccess(permissions: readonly string[]): void {
  access = stopAccess(permissions);
}

export function currentStopAccess(): StopAccess {
  return access;
}

const CHANGED = 'ringtrace:stops-changed';

/** Tells every stop view that stops changed. */
export function stopsChanged(): void {
  document.dispatchEvent(new CustomEvent(CHANGED));
}

/** Calls `listener` whenever stops changed here; returns the unsubscribe. */
export function onStopsChanged(listener: () => void): () => void {
  document.addEventListener(CHANGED, listener);
  return () => document.removeEventListener(CHANGED, listener);
}
