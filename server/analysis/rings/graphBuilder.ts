/**
 * Assembles the analysis graph from records (transfers, calls, SIM sightings, platform links,
 * holdings, reports) into typed arrays: the undirected weighted network of identities for
 * community detection, the directed money and call graphs, and per-node signals (payers, fast
 * forwarding, SIMs per handset, calls to strangers, report mentions). Pure: the database reader
 * (`server/services/analysisGraph.ts`) and the tests feed it the same way.
 */
import { ENTITY_TYPES, type EntityType, type RelTypeOf } from '../../contract/graph';
import {
  CompactGraphBuilder,
  inducedSubgraph,
  type CompactGraph,
  type DirectedGraph,
} from '../compactGraph';
import { offRoutine, type OffRoutine } from './routine';

/**
 * Node types of the analysis graph: the identities a user can look up (the graph model's order);
 * `AnalysisGraph.types` holds an index into this list.
 */
export const ANALYSIS_NODE_TYPES = ENTITY_TYPES;

export type AnalysisNodeType = EntityType;

/** Per-node signals, one array each (0 where a signal does not apply to a node's type). */
export const FEATURE_NAMES = [
  /** BankAccount: distinct accounts that paid it. */
  'payers',
  /** BankAccount: distinct accounts it paid. */
  'payees',
  'transfersIn',
  'transfersOut',
  /** Amounts in minor units. */
  'amountIn',
  'amountOut',
  /** Amount received that left again within the fast-forward window (last in, first out). */
  'amountForwardedFast',
  /** amountForwardedFast / amountIn. */
  'fastShare',
  /** Share of the amount received that left again within a day (last in, first out). */
  'dayShare',
  /** BankAccount: share of its counterparties it dealt with only once (one transfer in all). */
  'oneOffShare',
  /** BankAccount: median minutes between receiving money and passing it on (fast part only). */
  'forwardMinutes',
  /**
   * BankAccount: transfers off the payer's routine (see `routine.ts`): those it made, and those
   * it received.
   */
  'offRoutineOut',
  'offRoutineIn',
  /** PhoneNumber: calls made and received, distinct numbers called and calling. */
  'callsOut',
  'callsIn',
  'callees',
  'callers',
  /** PhoneNumber: numbers it called that never called it back and that it called at most twice. */
  'strangers',
  /** PhoneNumber: of those, the ones whose calls lasted a minute or less on average (0 where the records give no durations). */
  'shortStrangers',
  /** PhoneNumber: seconds of its outgoing calls (0 where the records give no durations). */
  'secondsOut',
  /** Device: SIMs seen in it. SIM: handsets it was seen in. PhoneNumber: SIMs carrying it. */
  'sims',
  'devices',
  /** Device: numbers carried by its SIMs; calls those numbers made. */
  'deviceNumbers',
  'deviceCalls',
  /** Device / IPAddress / PhoneNumber: platform accounts registered with or logged in from it. */
  'platformAccounts',
  /** Cases naming it; distinct stations of those cases. */
  'reports',
  'stations',
  /** Person: reported as a victim (1) or not (0). */
  'victim',
  /** Person: bank accounts held. */
  'accountsHeld',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * The network of identities one analysis runs on. Everything is structured-cloneable (typed
 * arrays and plain arrays), so it can be posted to a worker thread.
 */
export interface AnalysisGraph {
  nodeCount: number;
  /** `Type:id` per node index. */
  keys: string[];
  /** Index into ANALYSIS_NODE_TYPES per node. */
  types: Uint8Array;
  /** Undirected weighted network of all links, for communities. */
  graph: CompactGraph;
  /** Account to account transfers; weight = total amount in minor units. */
  money: DirectedGraph;
  /** Number to number calls; weight = number of calls. */
  calls: DirectedGraph;
  /** The same arcs as `calls`; weight = seconds of those calls (0 where unknown). */
  callSeconds: DirectedGraph;
  /** Every transfer between two different accounts, in time order. */
  transfers: TransferList;
  features: Record<string, Float64Array | Int32Array>;
}

/** Transfers as parallel arrays in time order (ties in the order they were added). */
export interface TransferList {
  from: Int32Array;
  to: Int32Array;
  /** Epoch milliseconds. */
  at: Float64Array;
  /** Minor units. */
  amount: Float64Array;
  /** Transfers off their payer's routine, found with the graph (see `routine.ts`). */
  offRoutine: OffRoutine;
}

/** Weights of the undirected links, by what they are. */
export const LINK_WEIGHTS = {
  /** Per transfer pair: base + log2(transfers). */
  transfer: 1,
  /** Per call pair: base + log2(calls). */
  call: 0.5,
  simInDevice: 3,
  simNumber: 3,
  holds: 3,
  usesNumber: 2,
  registeredWith: 2,
  registeredFrom: 2,
  usedDevice: 1.5,
  usedIp: 0.5,
  messaged: 0.5,
  /** A case and each identifier it names. */
  names: 1,
} as const;

/** Transfers passed on within this many minutes count as forwarded fast. */
export const FAST_FORWARD_MINUTES = 15;
/** Addresses and handsets linking more platform accounts than this are shared (NAT, shops). */
export const SHARED_ADDRESS_LIMIT = 40;

/**
 * A node as a record names it: its domain id (`string`), or the database's own reference to it
 * (`number`), which `nameRef` later pairs with the domain id. Reading references is far cheaper
 * than reading ids on every link; each node's id is then read once.
 */
export type NodeRef = string | number;

/** References below this find their node in a flat array (node + 1, 0 for none); others in a map. */
const DENSE_REF_LIMIT = 1 << 24;

/** Plain-record sink for the analysis graph; call `build()` once at the end. */
export class AnalysisGraphBuilder {
  private readonly index = new Map<string, number>();
  /** Nodes named by `nameRef` whose keys are not in `index` yet (added when a key is looked up). */
  private unindexed: number[] = [];
  private refSlots = new Int32Array(1 << 16);
  private readonly sparseRefs = new Map<number, number>();
  private readonly refList: number[] = [];
  private readonly keyList: string[] = [];
  private readonly typeList: number[] = [];
  private readonly links = new CompactGraphBuilder(1 << 16);
  /** Transfers, kept for the timing signals. */
  private tFrom = new Int32Array(1 << 12);
  private tTo = new Int32Array(1 << 12);
  private tAt = new Float64Array(1 << 12);
  private tAmount = new Float64Array(1 << 12);
  private transferCount = 0;
  private readonly callArcs = new CompactGraphBuilder(1 << 12);
  private readonly callSecondArcs = new CompactGraphBuilder(1 << 12);
  /** Whether any call came with its duration. */
  private callSecondsKnown = false;
  private readonly callPairs: number[] = [];
  private readonly simDevice: number[] = [];
  private readonly simNumber: number[] = [];
  private readonly platformUse: number[] = [];
  private readonly caseNames: number[] = [];
  private readonly caseStation = new Map<number, string>();
  private readonly victims = new Set<number>();
  private readonly holdings: number[] = [];

  /** The node of `type:id` (or of a reference), created on first use. */
  node(type: AnalysisNodeType, id: NodeRef): number {
    if (typeof id === 'number') {
      let found = this.nodeOfRef(id);
      if (found === undefined) {
        found = this.keyList.length;
        if (id >= 0 && id < DENSE_REF_LIMIT && Number.isInteger(id)) {
          if (id >= this.refSlots.length) this.growRefSlots(id);
          this.refSlots[id] = found + 1;
        } else {
          this.sparseRefs.set(id, found);
        }
        this.refList.push(id);
        this.keyList.push(`${type}:`);
        this.typeList.push(ANALYSIS_NODE_TYPES.indexOf(type));
      }
      return found;
    }
    this.indexNamed();
    const key = `${type}:${id}`;
    let found = this.index.get(key);
    if (found === undefined) {
      found = this.keyList.length;
      this.index.set(key, found);
      this.keyList.push(key);
      this.typeList.push(ANALYSIS_NODE_TYPES.indexOf(type));
    }
    return found;
  }

  /** Each node's key (`Type:id`) as named so far. */
  keys(): string[] {
    return this.keyList.slice();
  }

  /** The references given so far, in the order their nodes were created. */
  refs(): readonly number[] {
    return this.refList;
  }

  /** Pairs a reference with the node's domain id (its key becomes `Type:id`). */
  nameRef(ref: number, id: string): void {
    const node = this.nodeOfRef(ref);
    if (node === undefined) return;
    const type = ANALYSIS_NODE_TYPES[this.typeList[node]!]!;
    this.keyList[node] = `${type}:${id}`;
    this.unindexed.push(node);
  }

  private nodeOfRef(ref: number): number | undefined {
    if (ref >= 0 && ref < this.refSlots.length && Number.isInteger(ref)) {
      const slot = this.refSlots[ref]!;
      return slot === 0 ? undefined : slot - 1;
    }
    return this.sparseRefs.get(ref);
  }

  private growRefSlots(ref: number): void {
    const grown = new Int32Array(
      Math.min(DENSE_REF_LIMIT, Math.max(ref + 1, this.refSlots.length * 2)),
    );
    grown.set(this.refSlots);
    this.refSlots = grown;
  }

  /** Puts the keys `nameRef` gave into the key index, before a lookup by key. */
  private indexNamed(): void {
    if (this.unindexed.length === 0) return;
    for (const node of this.unindexed) this.index.set(this.keyList[node]!, node);
    this.unindexed = [];
  }

  /** A transfer between two accounts (ids without the type) at `at` epoch ms. */
  addTransfer(from: NodeRef, to: NodeRef, at: number, amountMinor: number): void {
    const a = this.node('BankAccount', from);
    const b = this.node('BankAccount', to);
    if (this.transferCount === this.tFrom.length) this.growTransfers();
    const i = this.transferCount++;
    this.tFrom[i] = a;
    this.tTo[i] = b;
    this.tAt[i] = at;
    this.tAmount[i] = Math.max(0, amountMinor);
  }

  /** Calls from one number to another: how many, and how many seconds in all (if known). */
  addCalls(from: NodeRef, to: NodeRef, count: number, seconds = Number.NaN): void {
    const a = this.node('PhoneNumber', from);
    const b = this.node('PhoneNumber', to);
    if (a === b || count <= 0) return;
    this.callArcs.addEdge(a, b, count);
    const known = Number.isFinite(seconds) && seconds >= 0;
    this.callSecondsKnown ||= known;
    // Counted in too, so no arc weighs zero (those are dropped) and both graphs have the same arcs.
    this.callSecondArcs.addEdge(a, b, count + (known ? seconds : 0));
    this.callPairs.push(a, b, count);
    this.links.addEdge(a, b, LINK_WEIGHTS.call * (1 + Math.log2(count)));
  }

  /** A SIM seen in a handset. */
  addSimInDevice(imsi: NodeRef, imei: NodeRef): void {
    const s = this.node('SIM', imsi);
    const d = this.node('Device', imei);
    this.simDevice.push(s, d);
    this.links.addEdge(s, d, LINK_WEIGHTS.simInDevice);
  }

  /** A SIM carrying a number. */
  addSimNumber(imsi: NodeRef, number: NodeRef): void {
    const s = this.node('SIM', imsi);
    const n = this.node('PhoneNumber', number);
    this.simNumber.push(s, n);
    this.links.addEdge(s, n, LINK_WEIGHTS.simNumber);
  }

  /**
   * A platform account's link: registered with a number, registered from or logged in from a
   * handset or address, or messages to another platform account.
   */
  addPlatformLink(
    account: NodeRef,
    relationship: RelTypeOf<
      'REGISTERED_WITH' | 'REGISTERED_FROM' | 'USED_DEVICE' | 'USED_IP' | 'MESSAGED'
    >,
    targetType: AnalysisNodeType,
    target: NodeRef,
    count = 1,
  ): void {
    const a = this.node('PlatformAccount', account);
    const t = this.node(targetType, target);
    if (relationship === 'MESSAGED') {
      this.links.addEdge(a, t, LINK_WEIGHTS.messaged * (1 + Math.log2(Math.max(1, count))));
      return;
    }
    // Address and handset links wait for `build`, which drops shared addresses.
    const kind = relationship === 'USED_IP' || relationship === 'USED_DEVICE' ? 1 : 0;
    this.platformUse.push(a, t, kind, relationship === 'REGISTERED_WITH' ? 1 : 0);
  }

  /** A person holding a bank account. */
  addHolding(person: NodeRef, account: NodeRef): void {
    const p = this.node('Person', person);
    const a = this.node('BankAccount', account);
    this.holdings.push(p, a);
    this.links.addEdge(p, a, LINK_WEIGHTS.holds);
  }

  /** A person using a number (as a victim's report gives it). */
  addPersonNumber(person: NodeRef, number: NodeRef): void {
    this.links.addEdge(
      this.node('Person', person),
      this.node('PhoneNumber', number),
      LINK_WEIGHTS.usesNumber,
    );
  }

  /** A person who reported as a victim. */
  markVictim(person: NodeRef): void {
    this.victims.add(this.node('Person', person));
  }

  /** A victim's report naming identifiers given as `Type:id`. */
  addCase(caseId: string, station: string | null, named: readonly string[]): void {
    const types = named.map((key) => key.slice(0, key.indexOf(':')));
    const ids = named.map((key) => key.slice(key.indexOf(':') + 1));
    this.addCaseNaming(caseId, station, types, ids);
  }

  /** A victim's report naming identifiers given as parallel lists of types and ids. */
  addCaseNaming(
    caseId: NodeRef,
    station: string | null,
    types: readonly string[],
    ids: readonly NodeRef[],
  ): void {
    const k = this.node('Case', caseId);
    if (station) this.caseStation.set(k, station);
    for (let i = 0; i < ids.length; i += 1) {
      const type = types[i] as AnalysisNodeType;
      if (!ANALYSIS_NODE_TYPES.includes(type)) continue;
      const n = this.node(type, ids[i]!);
      this.caseNames.push(k, n);
      this.links.addEdge(k, n, LINK_WEIGHTS.names);
    }
  }

  /** The index of `Type:id`, or undefined. */
  indexOf(key: string): number | undefined {
    this.indexNamed();
    return this.index.get(key);
  }

  /** The finished graph. */
  build(): AnalysisGraph {
    const n = this.keyList.length;
    const f = Object.fromEntries(
      FEATURE_NAMES.map((name) => [name, new Float64Array(n)]),
    ) as Record<FeatureName, Float64Array>;

    // Platform links, without addresses and handsets shared by many accounts.
    const users = new Map<number, Set<number>>();
    for (let i = 0; i < this.platformUse.length; i += 4) {
      const account = this.platformUse[i]!;
      const target = this.platformUse[i + 1]!;
      let set = users.get(target);
      if (!set) users.set(target, (set = new Set()));
      set.add(account);
    }
    for (const [target, set] of users) f.platformAccounts[target] = set.size;
    for (let i = 0; i < this.platformUse.length; i += 4) {
      const account = this.platformUse[i]!;
      const target = this.platformUse[i + 1]!;
      if ((users.get(target)?.size ?? 0) > SHARED_ADDRESS_LIMIT) continue;
      const used = this.platformUse[i + 2] === 1;
      const isIp = this.typeList[target] === ANALYSIS_NODE_TYPES.indexOf('IPAddress');
      const weight =
        this.platformUse[i + 3] === 1
          ? LINK_WEIGHTS.registeredWith
          : used
            ? isIp
              ? LINK_WEIGHTS.usedIp
              : LINK_WEIGHTS.usedDevice
            : LINK_WEIGHTS.registeredFrom;
      this.links.addEdge(account, target, weight);
    }

    // Money: per pair weights into the undirected graph, amounts into the money graph.
    const moneyArcs = new CompactGraphBuilder(Math.max(16, this.transferCount));
    const pairCounts = new CompactGraphBuilder(Math.max(16, this.transferCount));
    for (let i = 0; i < this.transferCount; i += 1) {
      const a = this.tFrom[i]!;
      const b = this.tTo[i]!;
      if (a === b) continue;
      moneyArcs.addEdge(a, b, this.tAmount[i]);
      pairCounts.addEdge(a, b, 1);
      f.transfersOut[a]! += 1;
      f.transfersIn[b]! += 1;
      f.amountOut[a]! += this.tAmount[i]!;
      f.amountIn[b]! += this.tAmount[i]!;
    }
    const money = moneyArcs.buildDirected(n);
    const counts = pairCounts.build(n);
    for (let v = 0; v < n; v += 1) {
      let oneOff = 0;
      for (let at = counts.offsets[v]!; at < counts.offsets[v + 1]!; at += 1) {
        const u = counts.targets[at]!;
        if (counts.weights[at] === 1) oneOff += 1;
        if (u > v)
          this.links.addEdge(v, u, LINK_WEIGHTS.transfer * (1 + Math.log2(counts.weights[at]!)));
      }
      const partners = counts.offsets[v + 1]! - counts.offsets[v]!;
      if (partners > 0) f.oneOffShare[v] = oneOff / partners;
      for (let at = money.offsets[v]!; at < money.offsets[v + 1]!; at += 1) {
        f.payees[v]! += 1;
        f.payers[money.targets[at]!]! += 1;
      }
    }
    const order = this.timeOrder();
    const transfers = this.transferList(order);
    for (let i = 0; i < transfers.from.length; i += 1) {
      if (transfers.offRoutine.off[i] === 0) continue;
      f.offRoutineOut[transfers.from[i]!]! += 1;
      f.offRoutineIn[transfers.to[i]!]! += 1;
    }
    this.fastForwarding(f, order);

    // Calls.
    const calls = this.callArcs.buildDirected(n);
    const callSeconds = this.callSecondArcs.buildDirected(n);
    for (let at = 0; at < callSeconds.weights.length; at += 1) {
      callSeconds.weights[at] = Math.max(0, callSeconds.weights[at]! - calls.weights[at]!);
    }
    for (let v = 0; v < n; v += 1) {
      for (let at = calls.offsets[v]!; at < calls.offsets[v + 1]!; at += 1) {
        const u = calls.targets[at]!;
        const count = calls.weights[at]!;
        f.secondsOut[v]! += callSeconds.weights[at]!;
        f.callsOut[v]! += count;
        f.callsIn[u]! += count;
        f.callees[v]! += 1;
        f.callers[u]! += 1;
      }
    }
    for (let v = 0; v < n; v += 1) {
      for (let at = calls.offsets[v]!; at < calls.offsets[v + 1]!; at += 1) {
        const u = calls.targets[at]!;
        if (calls.weights[at]! <= 2 && !hasArc(calls, u, v)) {
          f.strangers[v]! += 1;
          const short = callSeconds.weights[at]! <= 60 * calls.weights[at]!;
          if (this.callSecondsKnown && short) f.shortStrangers[v]! += 1;
        }
      }
    }

    // SIMs, handsets and numbers.
    const simsOfDevice = new Map<number, Set<number>>();
    const numbersOfSim = new Map<number, Set<number>>();
    for (let i = 0; i < this.simDevice.length; i += 2) {
      const s = this.simDevice[i]!;
      const d = this.simDevice[i + 1]!;
      let set = simsOfDevice.get(d);
      if (!set) simsOfDevice.set(d, (set = new Set()));
      if (!set.has(s)) {
        set.add(s);
        f.sims[d]! += 1;
        f.devices[s]! += 1;
      }
    }
    for (let i = 0; i < this.simNumber.length; i += 2) {
      const s = this.simNumber[i]!;
      const p = this.simNumber[i + 1]!;
      let set = numbersOfSim.get(s);
      if (!set) numbersOfSim.set(s, (set = new Set()));
      if (!set.has(p)) {
        set.add(p);
        f.sims[p]! += 1;
      }
    }
    for (const [d, sims] of simsOfDevice) {
      const numbers = new Set<number>();
      for (const s of sims) for (const p of numbersOfSim.get(s) ?? []) numbers.add(p);
      f.deviceNumbers[d] = numbers.size;
      let made = 0;
      for (const p of numbers) made += f.callsOut[p]!;
      f.deviceCalls[d] = made;
    }

    // Reports.
    const stationsOf = new Map<number, Set<string>>();
    for (let i = 0; i < this.caseNames.length; i += 2) {
      const k = this.caseNames[i]!;
      const named = this.caseNames[i + 1]!;
      f.reports[named]! += 1;
      const station = this.caseStation.get(k);
      if (station) {
        let set = stationsOf.get(named);
        if (!set) stationsOf.set(named, (set = new Set()));
        set.add(station);
      }
    }
    for (const [v, set] of stationsOf) f.stations[v] = set.size;
    for (const v of this.victims) f.victim[v] = 1;
    for (let i = 0; i < this.holdings.length; i += 2) f.accountsHeld[this.holdings[i]!]! += 1;

    const graph = this.links.build(n);
    return {
      nodeCount: n,
      keys: this.keyList.slice(),
      types: Uint8Array.from(this.typeList),
      graph,
      money,
      calls,
      callSeconds,
      transfers,
      features: f,
    };
  }

  /** Transfer indices in time order (ties in the order they were added). */
  private timeOrder(): Int32Array {
    const order = new Int32Array(this.transferCount);
    for (let i = 0; i < order.length; i += 1) order[i] = i;
    const at = this.tAt;
    return order.sort((x, y) => at[x]! - at[y]! || x - y);
  }

  /** The transfers between different accounts in time order. */
  private transferList(timeOrder: Int32Array): TransferList {
    const at = this.tAt;
    const order = timeOrder.filter((i) => this.tFrom[i] !== this.tTo[i]);
    const from = Int32Array.from(order, (i) => this.tFrom[i]!);
    const amount = Float64Array.from(order, (i) => this.tAmount[i]!);
    const times = Float64Array.from(order, (i) => at[i]!);
    return {
      from,
      to: Int32Array.from(order, (i) => this.tTo[i]!),
      at: times,
      amount,
      offRoutine: offRoutine(from, amount, times, from.length),
    };
  }

  /**
   * Last in, first out over each account's transfers in time order: money received and sent on
   * within FAST_FORWARD_MINUTES counts as forwarded fast.
   */
  private fastForwarding(f: Record<FeatureName, Float64Array>, order: Int32Array): void {
    const at = this.tAt;
    const windowMs = FAST_FORWARD_MINUTES * 60_000;
    const dayForwarded = new Float64Array(f.amountIn.length);
    const queues = new Map<number, { times: number[]; left: number[]; head: number }>();
    const delays = new Map<number, number[]>();
    for (const i of order) {
      const a = this.tFrom[i]!;
      const b = this.tTo[i]!;
      if (a === b) continue;
      const time = at[i]!;
      let need = this.tAmount[i]!;
      const queue = queues.get(a);
      if (queue) {
        // Last in, first out: what just came in is what goes out (a mule's commission stays).
        for (let k = queue.times.length - 1; need > 0 && k >= queue.head; k -= 1) {
          if (queue.left[k]! <= 0) continue;
          const take = Math.min(need, queue.left[k]!);
          const delay = time - queue.times[k]!;
          dayForwarded[a]! += take;
          if (delay <= windowMs) {
            f.amountForwardedFast[a]! += take;
            let list = delays.get(a);
            if (!list) delays.set(a, (list = []));
            list.push(delay / 60_000);
          }
          need -= take;
          queue.left[k]! -= take;
        }
        while (queue.head < queue.times.length && queue.left[queue.head]! <= 0) queue.head += 1;
        // Money older than a day is a balance, not something in transit.
        while (queue.head < queue.times.length && time - queue.times[queue.head]! > 86_400_000) {
          queue.head += 1;
        }
        if (queue.head > 64 && queue.head * 2 > queue.times.length) {
          queue.times.splice(0, queue.head);
          queue.left.splice(0, queue.head);
          queue.head = 0;
        }
      }
      let target = queues.get(b);
      if (!target) queues.set(b, (target = { times: [], left: [], head: 0 }));
      target.times.push(time);
      target.left.push(this.tAmount[i]!);
    }
    for (let v = 0; v < f.amountIn.length; v += 1) {
      if (f.amountIn[v]! > 0) {
        f.fastShare[v] = Math.min(1, f.amountForwardedFast[v]! / f.amountIn[v]!);
        f.dayShare[v] = Math.min(1, dayForwarded[v]! / f.amountIn[v]!);
      }
    }
    for (const [v, list] of delays) {
      list.sort((x, y) => x - y);
      f.forwardMinutes[v] = list[list.length >> 1]!;
    }
  }

  private growTransfers(): void {
    const size = this.tFrom.length * 2;
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.tFrom = grow(this.tFrom, (k) => new Int32Array(k));
    this.tTo = grow(this.tTo, (k) => new Int32Array(k));
    this.tAt = grow(this.tAt, (k) => new Float64Array(k));
    this.tAmount = grow(this.tAmount, (k) => new Float64Array(k));
  }
}

function hasArc(graph: DirectedGraph, source: number, target: number): boolean {
  let low = graph.offsets[source]!;
  let high = graph.offsets[source + 1]! - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = graph.targets[middle]!;
    if (found === target) return true;
    if (found < target) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Nodes within `hops` links of `seeds` in the undirected network (seeds included). */
export function neighbourhood(
  graph: CompactGraph,
  seeds: readonly number[],
  hops: number,
): Int32Array {
  const depth = new Int32Array(graph.nodeCount).fill(-1);
  let frontier: number[] = [];
  for (const seed of seeds) {
    if (depth[seed] === -1) {
      depth[seed] = 0;
      frontier.push(seed);
    }
  }
  const found = [...frontier];
  for (let level = 1; level <= hops && frontier.length > 0; level += 1) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let at = graph.offsets[v]!; at < graph.offsets[v + 1]!; at += 1) {
        const u = graph.targets[at]!;
        if (depth[u] !== -1) continue;
        depth[u] = level;
        next.push(u);
        found.push(u);
      }
    }
    frontier = next;
  }
  return Int32Array.from(found).sort();
}

/** The analysis graph restricted to `nodes` (renumbered in increasing order), signals kept. */
export function restrictAnalysisGraph(
  graph: AnalysisGraph,
  nodes: ArrayLike<number>,
): AnalysisGraph {
  const links = inducedSubgraph(graph.graph, nodes);
  const keep = links.toOriginal;
  const features: Record<string, Float64Array | Int32Array> = {};
  for (const [name, values] of Object.entries(graph.features)) {
    const picked =
      values instanceof Int32Array ? new Int32Array(keep.length) : new Float64Array(keep.length);
    for (let i = 0; i < keep.length; i += 1) picked[i] = values[keep[i]!]!;
    features[name] = picked;
  }
  return {
    nodeCount: keep.length,
    keys: Array.from(keep, (v) => graph.keys[v]!),
    types: Uint8Array.from(keep, (v) => graph.types[v]!),
    graph: links.graph,
    money: inducedSubgraph(graph.money, keep).graph,
    calls: inducedSubgraph(graph.calls, keep).graph,
    callSeconds: inducedSubgraph(graph.callSeconds, keep).graph,
    transfers: restrictTransfers(graph.transfers, links.toLocal),
    features,
  };
}

/** The transfers between kept nodes, renumbered (`toLocal`: -1 for a node not kept). */
function restrictTransfers(transfers: TransferList, toLocal: ArrayLike<number>): TransferList {
  const kept: number[] = [];
  for (let i = 0; i < transfers.from.length; i += 1) {
    if (toLocal[transfers.from[i]!]! >= 0 && toLocal[transfers.to[i]!]! >= 0) kept.push(i);
  }
  const from = Int32Array.from(kept, (i) => toLocal[transfers.from[i]!]!);
  const amount = Float64Array.from(kept, (i) => transfers.amount[i]!);
  const at = Float64Array.from(kept, (i) => transfers.at[i]!);
  return {
    from,
    to: Int32Array.from(kept, (i) => toLocal[transfers.to[i]!]!),
    at,
    amount,
    // Routines as the kept transfers show them, as an analysis of this part alone finds them.
    offRoutine: offRoutine(from, amount, at, from.length),
  };
}
