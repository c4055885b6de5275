import type { Benchmark } from '../../bench/runner.js';
import { Rng } from '../math/rng.js';
import { OrderBook } from './orderBook.js';
import { BUY, GTC, IOC, type Side } from './orderTypes.js';

/**
 * Pre-generates a realistic message stream (about 50% passive limit adds near the touch, 42% cancels of live
 * orders, 8% marketable orders: market and IOC) and times only the order-book processing on one core.
 */
function buildFlow(n: number, seed: number) {
  const rng = new Rng(seed);
  const kind = new Uint8Array(n); // 0 add, 1 cancel, 2 market, 3 ioc
  const side = new Uint8Array(n);
  const offset = new Int32Array(n);
  const lots = new Int32Array(n);
  const owner = new Int32Array(n);
  const pick = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    kind[i] = u < 0.5 ? 0 : u < 0.92 ? 1 : u < 0.96 ? 2 : 3;
    side[i] = rng.uniform() < 0.5 ? 0 : 1;
    offset[i] = Math.floor(rng.exponential(0.15));
    lots[i] = 1 + Math.floor(rng.exponential(0.2));
    owner[i] = rng.int(500);
    pick[i] = rng.uniform();
  }
  return { kind, side, offset, lots, owner, pick };
}

export const benchmark: Benchmark = {
  name: 'lob',
  description: 'order-book events per second (adds, cancels, marketable orders) on one core',
  async run(opts) {
    const n = Number(opts.args.events ?? 2_000_000);
    const flow = buildFlow(n, 12345);
    let fills = 0;
    let filledLots = 0;
    const book = new OrderBook(
      { minPriceTicks: 90_000, levels: 20_000, capacity: 1 << 16 },
      {
        onFill(_m, _t, _p, l) {
          fills++;
          filledLots += l;
        },
      },
    );
    const live = new Float64Array(1 << 20);
    let liveN = 0;
    const mid = 100_000;
    const runOnce = (count: number) => {
      for (let i = 0; i < count; i++) {
        const k = flow.kind[i];
        const s = flow.side[i] as Side;
        if (k === 0) {
          const bb = book.bestBid;
          const ba = book.bestAsk;
          const ref = s === BUY ? (!Number.isNaN(bb) ? bb : mid - 1) : !Number.isNaN(ba) ? ba : mid + 1;
          const px = s === BUY ? ref - flow.offset[i] : ref + flow.offset[i];
          const id = book.submit(flow.owner[i], s, px, flow.lots[i], GTC, false);
          if (book.lastRestingLots > 0 && liveN < live.length) live[liveN++] = id;
        } else if (k === 1) {
          if (liveN > 0) {
            const j = Math.floor(flow.pick[i] * liveN);
            book.cancel(live[j]);
            live[j] = live[--liveN];
          }
        } else if (k === 2) book.submitMarket(flow.owner[i], s, flow.lots[i]);
        else {
          const px = s === BUY ? book.bestAsk : book.bestBid;
          if (!Number.isNaN(px))
            book.submit(flow.owner[i], s, s === BUY ? px + 2 : px - 2, flow.lots[i], IOC, false);
        }
      }
    };
    runOnce(Math.min(n, 200_000)); // warm-up (JIT)
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    runOnce(n);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(c0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    opts.log(`${n} events in ${sec.toFixed(3)} s, ${fills} fills, ${book.orderCount} resting`);
    return {
      events: n,
      seconds: sec,
      eventsPerSec: n / sec,
      cpuSeconds: cpuSec,
      eventsPerCpuSec: n / cpuSec,
      fills,
      filledLots,
      restingOrders: book.orderCount,
    };
  },
};
