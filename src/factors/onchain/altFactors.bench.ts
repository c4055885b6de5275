import type { Benchmark } from '../../../bench/runner.js';
import { defiFactors } from '../defi/index.js';
import { computeFactor } from '../engine.js';
import { infrastructureFactors } from '../infrastructure/index.js';
import { regulatoryFactors } from '../regulatory/index.js';
import { sentimentFactors } from '../sentiment/index.js';
import { DAY_MS } from '../spec.js';
import { syntheticInputs } from '../testing/synthetic.js';
import { onchainFactors } from './index.js';

/**
 * Batch throughput of the 52 on-chain, DeFi, sentiment, regulatory and infrastructure factors on a daily
 * grid: synthetic inputs (generated once, outside the timing), every factor computed point-in-time by the
 * engine (alignment + evaluation), factor-values per second = output columns x rows / seconds.
 */
export const benchmark: Benchmark = {
  name: 'factors-alt',
  description: '52 on-chain/DeFi/sentiment/regulatory/infrastructure factors, daily grid, synthetic inputs',
  async run({ args, log }) {
    const years = Number(args.years ?? 10);
    const specs = [
      ...onchainFactors,
      ...defiFactors,
      ...sentimentFactors,
      ...regulatoryFactors,
      ...infrastructureFactors,
    ];
    const from = Date.UTC(2014, 0, 1);
    const to = from + Math.round(years * 365) * DAY_MS;
    const grid = { from: from + 400 * DAY_MS, to, barMs: DAY_MS };
    const data = specs.map((spec, k) =>
      syntheticInputs(spec, { from, to: to + DAY_MS, stepMs: DAY_MS, seed: 100 + k, eventsPerStep: 3 }),
    );
    log(`computing ${specs.length} factors over ${years} years of days`);
    computeFactor(specs[0], data[0], grid);
    const t0 = performance.now();
    let values = 0;
    let rows = 0;
    for (let k = 0; k < specs.length; k++) {
      const res = computeFactor(specs[k], data[k], grid);
      rows = res.ts.length;
      values += Object.keys(res.columns).length * res.ts.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      factors: specs.length,
      rows,
      factorValues: values,
      seconds,
      factorValuesPerSec: values / seconds,
    };
  },
};
