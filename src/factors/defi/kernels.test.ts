import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import { sharedDataPath } from '../../data/sharedData.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import {
  apyDispersion,
  constantProductSlippage,
  herfindahl,
  impermanentLoss,
  kinkedRates,
  liquidationAtRisk,
  priceToFees,
  utilization,
  weightedMean,
} from './kernels.js';
import { type SwapEvent, detectArbitrages, detectSandwiches, graphDensity, interactionEdges } from './mev.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('DeFi kernels', () => {
  it('impermanent loss matches the closed form reference points', () => {
    expect(impermanentLoss(1)).toBe(0);
    expect(impermanentLoss(2)).toBeCloseTo(-0.05719095841793653, 14);
    expect(impermanentLoss(4)).toBeCloseTo(-0.2, 14);
    expect(impermanentLoss(0.25)).toBeCloseTo(-0.2, 14); // symmetric in ln k
    expect(impermanentLoss(0)).toBeNaN();
    expect(impermanentLoss(Number.NaN)).toBeNaN();
  });

  it('impermanent loss equals a simulated x*y=k position versus holding', () => {
    const x0 = 100;
    const y0 = 100 * 2000; // price 2000
    const k = x0 * y0;
    const p1 = 3100;
    const x1 = Math.sqrt(k / p1);
    const y1 = Math.sqrt(k * p1);
    const lp = x1 * p1 + y1;
    const hold = x0 * p1 + y0;
    expect(lp / hold - 1).toBeCloseTo(impermanentLoss(p1 / 2000), 12);
  });

  it('APY dispersion, weighted mean and HHI', () => {
    const d = apyDispersion(f([0.01, 0.02, 0.03, 0.04, Number.NaN]));
    expect(d.count).toBe(4);
    expect(d.std).toBeCloseTo(Math.sqrt(0.000166666666666667), 12);
    expect(d.iqr).toBeCloseTo(0.015, 12); // numpy: q75 0.0325 - q25 0.0175
    expect(apyDispersion(f([0.1])).std).toBeNaN();
    expect(weightedMean(f([1, 3, Number.NaN]), f([1, 3, 5]))).toBe(2.5);
    expect(herfindahl(f([50, 50]))).toBe(0.5);
    expect(herfindahl(f([1, 0, 0]))).toBe(1);
    expect(herfindahl(f([0, 0]))).toBeNaN();
  });

  it('utilization, kinked rates, price-to-fees, slippage', () => {
    expect(utilization(80, 100)).toBe(0.8);
    expect(utilization(1, 0)).toBeNaN();
    const r = kinkedRates(0.9, { base: 0, slope1: 0.04, slope2: 0.75, kink: 0.8, reserveFactor: 0.1 });
    expect(r.borrow).toBeCloseTo(0.032 + 0.075, 12);
    expect(r.supply).toBeCloseTo(0.107 * 0.9 * 0.9, 12);
    expect(priceToFees(365e6, 1e6)).toBe(1);
    expect(priceToFees(1, 0)).toBeNaN();
    // Tiny trade: slippage -> fee; larger trade adds price impact.
    expect(constantProductSlippage(1e6, 1e6, 1)).toBeCloseTo(0.003, 5);
    expect(constantProductSlippage(1e6, 1e6, 1e5)).toBeGreaterThan(0.09);
  });

  it('liquidation-at-risk counts debt whose health factor drops below 1', () => {
    const col = f([100, 100, 100]);
    const debt = f([70, 79, 50]);
    const lt = f([0.8, 0.8, 0.8]);
    expect(liquidationAtRisk(col, debt, lt, 0)).toBe(0);
    expect(liquidationAtRisk(col, debt, lt, 0.05)).toBe(79); // 100*.95*.8 = 76 < 79
    expect(liquidationAtRisk(col, debt, lt, 0.2)).toBe(149); // 64 < 70, 79
    expect(() => liquidationAtRisk(col, debt, lt, 1)).toThrow(/shock/);
  });
});

function swap(p: Partial<SwapEvent> & Pick<SwapEvent, 'txHash' | 'txPosition'>): SwapEvent {
  return {
    blockNumber: 1,
    pool: 'P',
    to: 'user',
    from: 'user',
    tokenIn: 'WETH',
    amountIn: 1,
    tokenOut: 'X',
    amountOut: 100,
    traceOrder: 0,
    ...p,
  };
}

describe('MEV detection', () => {
  it('detects a sandwich and its victim, not an unrelated round trip', () => {
    const swaps = [
      swap({ txHash: 'f', txPosition: 0, to: 'bot', amountIn: 10, amountOut: 1000 }),
      swap({ txHash: 'v', txPosition: 1, to: 'alice', amountIn: 5, amountOut: 480 }),
      swap({
        txHash: 'b',
        txPosition: 2,
        to: 'bot',
        tokenIn: 'X',
        tokenOut: 'WETH',
        amountIn: 1000,
        amountOut: 10.4,
      }),
      swap({ txHash: 'o', txPosition: 3, pool: 'Q', to: 'carol' }),
    ];
    const s = detectSandwiches(swaps);
    expect(s).toHaveLength(1);
    expect(s[0].victimTxs).toEqual(['v']);
    expect(s[0].profitRaw).toBeCloseTo(0.4, 12);
    // Without a victim in between there is no sandwich.
    expect(detectSandwiches([swaps[0], swaps[2]])).toHaveLength(0);
  });

  it('detects a profitable cycle inside one transaction only', () => {
    const legs = [
      swap({
        txHash: 'a',
        txPosition: 0,
        traceOrder: 0,
        tokenIn: 'WETH',
        tokenOut: 'USDC',
        amountIn: 1,
        amountOut: 2000,
      }),
      swap({
        txHash: 'a',
        txPosition: 0,
        traceOrder: 1,
        pool: 'Q',
        tokenIn: 'USDC',
        tokenOut: 'WETH',
        amountIn: 2000,
        amountOut: 1.01,
      }),
    ];
    const arb = detectArbitrages(legs);
    expect(arb).toHaveLength(1);
    expect(arb[0].profitRaw).toBeCloseTo(0.01, 12);
    expect(detectArbitrages([legs[0], { ...legs[1], amountOut: 0.99 }])).toHaveLength(0);
  });

  it('graph density of protocol interactions', () => {
    expect(
      graphDensity([
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ]),
    ).toBe(1);
    expect(
      graphDensity(
        [
          ['a', 'b'],
          ['b', 'a'],
          ['a', 'a'],
        ],
        ['c', 'd'],
      ),
    ).toBeCloseTo(1 / 6, 12);
    expect(graphDensity([])).toBeNaN();
  });
});

function traceOrder(s: string): number {
  const parts = s
    .replace(/[[\]\s]/g, '')
    .split(',')
    .filter((x) => x !== '');
  let v = 0;
  for (let i = 0; i < 5; i++) v = v * 1000 + (i < parts.length ? Number(parts[i]) + 1 : 0);
  return v;
}

describeSharedData('MEV detection on mev-inspect swaps (blocks 12634810-12635061)', () => {
  const t = readCsvTable(
    sharedDataPath('defi', 'mev_inspect_dex_swaps_2021-06_blocks_12634810-12635061.csv'),
  );
  const cols = {
    block: t.numeric('block_number'),
    pos: t.numeric('transaction_position'),
    hash: t.column('transaction_hash'),
    pool: t.column('contract_address'),
    to: t.column('to_address'),
    from: t.column('from_address'),
    tin: t.column('token_in_address'),
    ain: t.numeric('token_in_amount'),
    tout: t.column('token_out_address'),
    aout: t.numeric('token_out_amount'),
    trace: t.column('trace_address'),
    err: t.column('error'),
  };
  const swaps: SwapEvent[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    if (cols.err[i] !== '') continue;
    swaps.push({
      blockNumber: cols.block[i],
      txPosition: cols.pos[i],
      txHash: cols.hash[i],
      pool: cols.pool[i],
      to: cols.to[i],
      from: cols.from[i],
      tokenIn: cols.tin[i],
      amountIn: cols.ain[i],
      tokenOut: cols.tout[i],
      amountOut: cols.aout[i],
      traceOrder: traceOrder(cols.trace[i]),
    });
  }

  it('finds sandwiches whose legs obey the rules', () => {
    const s = detectSandwiches(swaps);
    expect(s.length).toBeGreaterThan(5);
    const byHash = new Map<string, SwapEvent[]>();
    for (const x of swaps) byHash.set(x.txHash, [...(byHash.get(x.txHash) ?? []), x]);
    for (const sw of s) {
      const fr = byHash.get(sw.frontrunTx)?.find((x) => x.pool === sw.pool && x.to === sw.attacker);
      const br = byHash.get(sw.backrunTx)?.find((x) => x.pool === sw.pool && x.to === sw.attacker);
      expect(fr && br).toBeTruthy();
      if (!fr || !br) continue;
      expect(br.txPosition).toBeGreaterThan(fr.txPosition);
      expect(br.tokenIn).toBe(fr.tokenOut);
      for (const v of sw.victimTxs) {
        const vs = byHash.get(v)?.find((x) => x.pool === sw.pool);
        expect(vs?.tokenIn).toBe(fr.tokenIn);
        expect(vs && vs.txPosition > fr.txPosition && vs.txPosition < br.txPosition).toBe(true);
      }
    }
  });

  it('finds profitable cyclic arbitrages and a sparse interaction graph', () => {
    const arbs = detectArbitrages(swaps);
    expect(arbs.length).toBeGreaterThan(5);
    for (const a of arbs) expect(a.profitRaw).toBeGreaterThan(0);
    const { edges, nodes } = interactionEdges(swaps);
    const d = graphDensity(edges, nodes);
    expect(nodes.size).toBeGreaterThan(100);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(0.05);
  });
});
