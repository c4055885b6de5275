/**
 * A binary min-heap of (time, agent) wake-ups in typed arrays: the population's event queue. Ties break by
 * agent id, so the order is total and runs are deterministic. Times are integer nanoseconds held in a
 * `Float64Array` (exact up to 2^53 ns, about 104 days from the run's epoch; the world re-bases per day).
 */
export class WakeHeap {
  private t: Float64Array;
  private a: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.t = new Float64Array(capacity);
    this.a = new Int32Array(capacity);
  }

  /** Schedules agent `agent` at time `t` (ns). */
  push(t: number, agent: number): void {
    if (this.size === this.t.length) {
      const nt = new Float64Array(this.size * 2);
      nt.set(this.t);
      this.t = nt;
      const na = new Int32Array(this.size * 2);
      na.set(this.a);
      this.a = na;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.t[p] < t || (this.t[p] === t && this.a[p] < agent)) break;
      this.t[i] = this.t[p];
      this.a[i] = this.a[p];
      i = p;
    }
    this.t[i] = t;
    this.a[i] = agent;
  }

  /** Time of the earliest wake-up (ns), or +Infinity when empty. */
  peekTime(): number {
    return this.size ? this.t[0] : Number.POSITIVE_INFINITY;
  }

  /** Removes the earliest wake-up and returns its agent id (read {@link peekTime} first for its time). */
  pop(): number {
    const top = this.a[0];
    const n = --this.size;
    if (n > 0) {
      const t = this.t[n];
      const a = this.a[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (
          c + 1 < n &&
          (this.t[c + 1] < this.t[c] || (this.t[c + 1] === this.t[c] && this.a[c + 1] < this.a[c]))
        )
          c++;
        if (t < this.t[c] || (t === this.t[c] && a < this.a[c])) break;
        this.t[i] = this.t[c];
        this.a[i] = this.a[c];
        i = c;
      }
      this.t[i] = t;
      this.a[i] = a;
    }
    return top;
  }

  /** Subtracts `dt` from every scheduled time (re-basing the clock; the heap order is unchanged). */
  shift(dt: number): void {
    for (let i = 0; i < this.size; i++) this.t[i] -= dt;
  }
}
