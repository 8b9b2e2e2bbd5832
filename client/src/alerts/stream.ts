/**
 * The live alert stream: one `EventSource` on `GET /api/alerts/stream` for the whole page, shared
 * by the inbox and the dashboard. The browser reconnects by itself and sends `Last-Event-ID`;
 * when it gives up (the server answered an error, e.g. after a restart or once the session has
 * ended), the stream is opened again after a growing pause with `?after=<last seq>`, so no change
 * is missed.
 */
import type { Alert } from '../../../server/contract/warning';

/** `live`: connected; `connecting`: (re)connecting; `offline`: failed, retrying after a pause. */
export type StreamState = 'live' | 'connecting' | 'offline';

export interface AlertStreamListener {
  alert(alert: Alert): void;
  state(state: StreamState): void;
}

/** Pause before opening the stream again once the browser has given up on it, doubling to a minute. */
const RETRY_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** The stream's URL, resuming after `after` when known (pure). */
export function streamUrl(after: number | null): string {
  return after !== null && after > 0 ? `/api/alerts/stream?after=${after}` : '/api/alerts/stream';
}

/** Reads an `alert` event's data; null for anything that is not an alert. */
export function parseAlertEvent(data: string): Alert | null {
  try {
    const value = JSON.parse(data) as Partial<Alert> | null;
    if (!value || typeof value.id !== 'string' || typeof value.seq !== 'number') return null;
    return value as Alert;
  } catch {
    return null;
  }
}

export class AlertStream {
  private source: EventSource | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<AlertStreamListener>();
  private current: StreamState = 'offline';
  /** The highest seq seen: where a reopened stream resumes. */
  private seq = 0;
  private pause = RETRY_MS;

  get state(): StreamState {
    return this.current;
  }

  /** Adds a listener and opens the stream if it is not open; returns the way to remove it. */
  subscribe(listener: AlertStreamListener): () => void {
    this.listeners.add(listener);
    listener.state(this.current);
    if (!this.source && this.retry === undefined) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  /** Tells the stream the highest seq a list already holds, so a reopen skips what is known. */
  seen(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }

  close(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.source?.close();
    this.source = null;
    this.setState('offline');
  }

  private open(): void {
    this.retry = undefined;
    this.setState('connecting');
    const source = new EventSource(streamUrl(this.seq || null), { withCredentials: true });
    this.source = source;
    source.addEventListener('open', () => {
      this.pause = RETRY_MS;
      this.setState('live');
    });
    source.addEventListener('alert', (event) => {
      const alert = parseAlertEvent((event as MessageEvent<string>).data);
      if (!alert) return;
      this.seq = Math.max(this.seq, alert.seq);
      for (const listener of this.listeners) listener.alert(alert);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CONNECTING) {
        this.setState('connecting');
        return;
      }
      // The browser gave up (an error answer): open a fresh stream later.
      source.close();
      if (this.source === source) this.source = null;
      this.setState('offline');
      if (this.listeners.size > 0) {
        this.retry = setTimeout(() => this.open(), this.pause);
        this.pause = Math.min(RETRY_MAX_MS, this.pause * 2);
      }
    });
  }

  private setState(state: StreamState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.listeners) listener.state(state);
  }
}
