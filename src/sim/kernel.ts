import { KernelError } from '../errors/sim.js';
import { Rng } from '../math/rng.js';
import { EventQueue } from './eventQueue.js';

/** Nanoseconds per millisecond. Simulated time is an integer count of ns since the kernel's `startMs`. */
export const NS_PER_MS = 1_000_000;
/** Nanoseconds per second. */
export const NS_PER_SEC = 1_000_000_000;

/**
 * A simulated participant. The kernel calls `onStart` once, `onWakeup` at each time the agent asked for
 * (`kernel.wakeAt`), and `onMessage` for each message delivered to it (after the per-pair latency).
 */
export interface SimAgent {
  /** Stable human-readable name; the agent's Rng is forked from the kernel seed with this label. */
  readonly name: string;
  /** Called once when the kernel starts, at time 0. */
  onStart?(kernel: Kernel, self: AgentHandle): void;
  /** Called at each requested wake-up time. */
  onWakeup?(kernel: Kernel, self: AgentHandle, nowNs: number): void;
  /** Called when a message from `fromId` arrives. */
  onMessage?(kernel: Kernel, self: AgentHandle, fromId: number, message: unknown, nowNs: number): void;
}

/** What the kernel gives an agent: its id and its own random stream. */
export interface AgentHandle {
  readonly id: number;
  readonly name: string;
  readonly rng: Rng;
}

/** Message latency between two agents, in integer ns. */
export interface LatencyModel {
  latencyNs(fromId: number, toId: number): number;
}

/** Same latency for every pair. */
export class ConstantLatency implements LatencyModel {
  constructor(readonly ns: number) {
    if (!Number.isInteger(ns) || ns < 0)
      throw new KernelError(`ConstantLatency: ns must be an integer >= 0, got ${ns}`);
  }
  latencyNs(): number {
    return this.ns;
  }
}

/**
 * Per-pair latency like ABIDES' latency matrix: `set(a, b, ns)` for a directed pair, `defaultNs` otherwise.
 * Reference: ABIDES `LatencyModel` (Byrd et al. 2019), deterministic variant (no jitter).
 */
export class PairLatency implements LatencyModel {
  private readonly pairs = new Map<number, number>();
  constructor(readonly defaultNs: number) {}
  /** Sets the directed latency from `fromId` to `toId` (integer ns). */
  set(fromId: number, toId: number, ns: number): this {
    if (!Number.isInteger(ns) || ns < 0)
      throw new KernelError(`PairLatency.set: ns must be an integer >= 0, got ${ns}`);
    this.pairs.set(fromId * 1_048_576 + toId, ns);
    return this;
  }
  latencyNs(fromId: number, toId: number): number {
    return this.pairs.get(fromId * 1_048_576 + toId) ?? this.defaultNs;
  }
}

/** Options of a `Kernel`. */
export interface KernelOptions {
  /** Root seed: every agent's Rng is `new Rng(seed).fork(agent.name)`. */
  seed: number;
  /** Wall-clock epoch ms that simulated time 0 maps to (records are stamped `startMs + ns / 1e6`). */
  startMs: number;
  /** Message latency model (default: 0 ns). */
  latency?: LatencyModel;
}

interface KernelEvent {
  kind: 0 | 1; // 0 wakeup, 1 message
  to: number;
  from: number;
  message: unknown;
}

/**
 * Discrete-event simulation kernel with an integer nanosecond clock.
 *
 * Events (agent wake-ups and messages) sit in a deterministic priority queue ordered by (time, insertion
 * sequence). Messages arrive after `latency.latencyNs(from, to)` ns. Each agent gets its own Rng forked by name,
 * so adding an agent never changes another agent's random stream.
 * Reference: ABIDES kernel (Byrd, Hybinette, Balch 2019).
 *
 * @example
 * const k = new Kernel({ seed: 7, startMs: Date.UTC(2024, 0, 1) });
 * k.addAgent({ name: 'clock', onStart: (k, me) => k.wakeAt(me.id, NS_PER_SEC), onWakeup: () => {} });
 * k.run(3600 * NS_PER_SEC);
 */
export class Kernel {
  readonly rng: Rng;
  readonly startMs: number;
  private readonly latency: LatencyModel;
  private readonly queue = new EventQueue<KernelEvent>();
  private readonly agents: SimAgent[] = [];
  private readonly handles: AgentHandle[] = [];
  private readonly computeDelay = new Map<number, number>();
  private nowNs = 0;
  private started = false;
  /** Number of events processed so far. */
  eventsProcessed = 0;

  constructor(opts: KernelOptions) {
    if (!Number.isFinite(opts.startMs))
      throw new KernelError(`Kernel: startMs must be finite, got ${opts.startMs}`);
    this.rng = new Rng(opts.seed);
    this.startMs = opts.startMs;
    this.latency = opts.latency ?? new ConstantLatency(0);
  }

  /** Current simulated time in ns since start. */
  get now(): number {
    return this.nowNs;
  }

  /** Current simulated time as epoch ms (UTC), fractional below 1 ms. */
  get nowMs(): number {
    return this.startMs + this.nowNs / NS_PER_MS;
  }

  /** Registers an agent and returns its handle (ids are 0, 1, 2... in registration order). */
  addAgent(agent: SimAgent): AgentHandle {
    const id = this.agents.length;
    const handle: AgentHandle = { id, name: agent.name, rng: this.rng.fork(agent.name) };
    this.agents.push(agent);
    this.handles.push(handle);
    if (this.started && agent.onStart) agent.onStart(this, handle);
    return handle;
  }

  /** The handle of agent `id`. @throws KernelError for an unknown id. */
  handle(id: number): AgentHandle {
    const h = this.handles[id];
    if (!h) throw new KernelError(`Kernel: unknown agent id ${id}`);
    return h;
  }

  /** Schedules a wake-up of agent `id` at absolute time `atNs` (>= now, integer). @throws KernelError */
  wakeAt(id: number, atNs: number): void {
    this.checkTime(atNs, 'wakeAt');
    if (id < 0 || id >= this.agents.length) throw new KernelError(`Kernel.wakeAt: unknown agent id ${id}`);
    this.queue.push(atNs, { kind: 0, to: id, from: id, message: undefined });
  }

  /**
   * Sets how long agent `id` computes before its messages leave (ABIDES' computation delay), integer ns.
   * @throws KernelError for a negative or fractional delay
   */
  setComputeDelay(id: number, ns: number): void {
    if (!Number.isSafeInteger(ns) || ns < 0)
      throw new KernelError(`Kernel.setComputeDelay: ns must be an integer >= 0, got ${ns}`);
    this.handle(id);
    this.computeDelay.set(id, ns);
  }

  /**
   * Sends `message` from `fromId` to `toId`; it arrives after the sender's compute delay, the pair latency and
   * `extraDelayNs`.
   */
  send(fromId: number, toId: number, message: unknown, extraDelayNs = 0): void {
    if (toId < 0 || toId >= this.agents.length)
      throw new KernelError(`Kernel.send: unknown recipient id ${toId}`);
    const at =
      this.nowNs + (this.computeDelay.get(fromId) ?? 0) + this.latency.latencyNs(fromId, toId) + extraDelayNs;
    this.checkTime(at, 'send');
    this.queue.push(at, { kind: 1, to: toId, from: fromId, message });
  }

  /** Processes events in time order until the queue is empty or the next event is after `untilNs`. */
  run(untilNs: number = Number.POSITIVE_INFINITY): void {
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.agents.length; i++) this.agents[i].onStart?.(this, this.handles[i]);
    }
    while (this.queue.size > 0 && this.queue.peekTime() <= untilNs) {
      const ev = this.queue.pop() as KernelEvent;
      this.nowNs = this.queue.lastTime;
      this.eventsProcessed++;
      const agent = this.agents[ev.to];
      if (ev.kind === 0) agent.onWakeup?.(this, this.handles[ev.to], this.nowNs);
      else agent.onMessage?.(this, this.handles[ev.to], ev.from, ev.message, this.nowNs);
    }
    if (Number.isFinite(untilNs) && untilNs > this.nowNs) this.nowNs = untilNs;
  }

  private checkTime(t: number, where: string): void {
    if (!Number.isSafeInteger(t))
      throw new KernelError(`Kernel.${where}: time must be an integer ns, got ${t}`);
    if (t < this.nowNs)
      throw new KernelError(`Kernel.${where}: time ${t} ns is before now (${this.nowNs} ns)`);
  }
}
