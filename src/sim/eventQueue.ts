/**
 * Deterministic min-priority queue of events keyed by (time in ns, insertion sequence).
 *
 * A binary heap over parallel typed arrays: ties on time are broken by the order of insertion, so two runs that
 * schedule the same events pop them in the same order, bit for bit. Payloads live in a slot pool that is reused.
 * Reference: Cormen et al., *Introduction to Algorithms*, ch. 6 (binary heaps); stable tie-break as in ABIDES'
 * kernel (Byrd, Hybinette, Balch 2019, "ABIDES: Towards High-Fidelity Market Simulation for AI Research").
 */
export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private payloads: (T | undefined)[] = [];
  private freeSlots: number[] = [];
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /** Time (ns) of the earliest pending event, or `Infinity` when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  /** Adds `payload` at `timeNs`; events at equal times pop in insertion order. */
  push(timeNs: number, payload: T): void {
    if (this.n === this.times.length) this.grow();
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.payloads.length;
    this.payloads[slot] = payload;
    let i = this.n++;
    const seq = this.nextSeq++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p];
      if (pt < timeNs || (pt === timeNs && this.seqs[p] < seq)) break;
      this.times[i] = pt;
      this.seqs[i] = this.seqs[p];
      this.slots[i] = this.slots[p];
      i = p;
    }
    this.times[i] = timeNs;
    this.seqs[i] = seq;
    this.slots[i] = slot;
  }

  /** Removes and returns the earliest payload (undefined when empty); its time is `lastTime`. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const slot = this.slots[0];
    this.lastTime = this.times[0];
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.freeSlots.push(slot);
    const n = --this.n;
    if (n > 0) {
      const t = this.times[n];
      const s = this.seqs[n];
      const sl = this.slots[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let c = l;
        const r = l + 1;
        if (
          r < n &&
          (this.times[r] < this.times[l] || (this.times[r] === this.times[l] && this.seqs[r] < this.seqs[l]))
        )
          c = r;
        const ct = this.times[c];
        if (t < ct || (t === ct && s < this.seqs[c])) break;
        this.times[i] = ct;
        this.seqs[i] = this.seqs[c];
        this.slots[i] = this.slots[c];
        i = c;
      }
      this.times[i] = t;
      this.seqs[i] = s;
      this.slots[i] = sl;
    }
    return payload;
  }

  /** Time (ns) of the event returned by the last `pop`. */
  lastTime = 0;

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    const s = new Float64Array(cap);
    s.set(this.seqs);
    const sl = new Int32Array(cap);
    sl.set(this.slots);
    this.times = t;
    this.seqs = s;
    this.slots = sl;
  }
}
