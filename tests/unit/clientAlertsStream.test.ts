/**
 * The shared alert stream with a stand-in for the browser's EventSource: listeners get alerts
 * and the connection state, the highest seq is remembered, and a stream the browser gave up on
 * is opened again after a growing pause, resuming after the last seq seen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertStream, type StreamState } from '../../client/src/alerts/stream';

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  private readonly listeners = new Map<string, ((event: { data?: string }) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: { data?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  emit(type: string, data?: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

function latest(): FakeEventSource {
  const source = FakeEventSource.opened[FakeEventSource.opened.length - 1];
  if (!source) throw new Error('no stream opened');
  return source;
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the alert stream', () => {
  it('opens once for all listeners, passes alerts and states on, and closes with the last', () => {
    const stream = new AlertStream();
    const states: StreamState[] = [];
    const seen: string[] = [];
    const first = stream.subscribe({
      alert: (alert) => seen.push(`a:${alert.id}`),
      state: (state) => states.push(state),
    });
    const second = stream.subscribe({
      alert: (alert) => seen.push(`b:${alert.id}`),
      state: () => {},
    });
    expect(FakeEventSource.opened.map((source) => source.url)).toEqual(['/api/alerts/stream']);
    latest().readyState = FakeEventSource.OPEN;
    latest().emit('open');
    latest().emit('alert', JSON.stringify({ id: 'AL-1', seq: 7 }));
    latest().emit('alert', 'not an alert');
    expect(seen).toEqual(['a:AL-1', 'b:AL-1']);
    expect(states).toEqual(['offline', 'connecting', 'live']);
    first();
    expect(latest().closed).toBe(false);
    second();
    expect(latest().closed).toBe(true);
  });

  it('shows a reconnect the browser makes itself as connecting', () => {
    const stream = new AlertStream();
    const states: StreamState[] = [];
    stream.subscribe({ alert: () => {}, state: (state) => states.push(state) });
    latest().emit('open');
    latest().readyState = FakeEventSource.CONNECTING;
    latest().emit('error');
    expect(states.slice(-2)).toEqual(['live', 'connecting']);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('opens a stream it lost again after a growing pause, after the last seq seen', () => {
    const stream = new AlertStream();
    const states: StreamState[] = [];
    stream.subscribe({ alert: () => {}, state: (state) => states.push(state) });
    stream.seen(3);
    latest().emit('open');
    latest().emit('alert', JSON.stringify({ id: 'AL-1', seq: 12 }));
    latest().readyState = FakeEventSource.CLOSED;
    latest().emit('error');
    expect(states[states.length - 1]).toBe('offline');
    vi.advanceTimersByTime(1_999);
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().url).toBe('/api/alerts/stream?after=12');
    // Refused again: the next try waits twice as long.
    latest().readyState = FakeEventSource.CLOSED;
    latest().emit('error');
    vi.advanceTimersByTime(3_999);
    expect(FakeEventSource.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.opened).toHaveLength(3);
  });

  it('stops retrying once closed', () => {
    const stream = new AlertStream();
    stream.subscribe({ alert: () => {}, state: () => {} });
    latest().readyState = FakeEventSource.CLOSED;
    latest().emit('error');
    stream.close();
    vi.advanceTimersByTime(120_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
