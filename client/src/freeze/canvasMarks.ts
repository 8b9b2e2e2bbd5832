/**
 * Marks on the canvas for accounts with an open stop: a lock for a hold or a freeze, an envelope
 * for a request the bank has not answered. It asks `GET /api/stops?status=active` about the bank
 * accounts on the canvas (at most 100 a call) when accounts are added, every minute, and when a
 * stop changes here; the node's `stop` and `stopUntil` drive its look (see the stylesheet).
 */
import type { Core, NodeSingular } from 'cytoscape';
import type { StopRequest } from '../../../server/contract/freeze';
import type { NodeData } from '../workspace/model';
import { decorateNode } from '../workspace/style';
import { stopByAccount, timeLeft } from './model';
import { stopsOnAccounts } from './requests';
import { currentStopAccess, onStopsChanged } from './session';

const REFRESH_MS = 60_000;
/** Changes to the canvas that come together cause one reading. */
const DEBOUNCE_MS = 400;

/** The mark a stop puts on its account, or undefined for none. */
export function stopMark(stop: StopRequest | undefined): NodeData['stop'] {
  if (!stop) return undefined;
  if (stop.status === 'held' || stop.status === 'frozen' || stop.status === 'requested') {
    return stop.status;
  }
  return undefined;
}

/** The node fields a stop sets: its mark, a hold's end, and the time left when it ends soon. */
export function stopMarks(
  stop: StopRequest | undefined,
  now: number,
): Pick<NodeData, 'stop' | 'stopUntil' | 'stopLeft'> {
  const left = stop ? timeLeft(stop, now) : null;
  return {
    stop: stopMark(stop),
    stopUntil: stop?.status === 'held' ? (stop.holdUntil ?? undefined) : undefined,
    stopLeft: left?.endingSoon ? left.text : undefined,
  };
}

export class StopMarks {
  private asked = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly cy: Core) {
    onStopsChanged(() => void this.refresh(true));
    this.timer = setInterval(() => void this.refresh(true), REFRESH_MS);
  }

  /** The canvas changed: reads the stops again if the accounts on it are not those last asked. */
  changed(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(false), DEBOUNCE_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
  }

  private accounts(): NodeSingular[] {
    return this.cy.nodes('[type = "BankAccount"]').toArray();
  }

  async refresh(always: boolean): Promise<void> {
    const access = currentStopAccess();
    if (!access.read && !access.request) return;
    const nodes = this.accounts();
    const ids = [...new Set(nodes.map((node) => String(node.data('entityId'))))].sort();
    const key = ids.join(',');
    if (!always && key === this.asked) return;
    this.asked = key;
    if (ids.length === 0) return;
    const generation = ++this.generation;
    let stops: StopRequest[];
    try {
      stops = await stopsOnAccounts(ids, 'active');
    } catch {
      // Marks are a help, not the record: the next change or minute tries again.
      this.asked = '';
      return;
    }
    if (generation !== this.generation) return;
    const shown = stopByAccount(stops);
    const now = Date.now();
    this.cy.batch(() => {
      for (const node of this.accounts()) {
        const stop = shown.get(String(node.data('entityId')));
        const marks = stopMarks(stop, now);
        const data = node.data() as NodeData;
        if (
          data.stop === marks.stop &&
          data.stopUntil === marks.stopUntil &&
          data.stopLeft === marks.stopLeft
        ) {
          continue;
        }
        node.removeData('stop stopUntil stopLeft');
        node.data(
          Object.fromEntries(Object.entries(marks).filter(([, value]) => value !== undefined)),
        );
        node.data(decorateNode({ ...data, ...marks }));
      }
    });
  }
}
