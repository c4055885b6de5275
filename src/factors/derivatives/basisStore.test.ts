import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../data/store.js';
import { factorCoverage } from '../coverage.js';
import { computeFactor } from '../engine.js';
import { HOUR_MS } from '../spec.js';
import { StoreProvider } from '../storeProvider.js';
import { loadFactorInputs } from '../table.js';
import { basisCarry } from './basis_carry.js';
import { CARRY_FEES_ANNUALIZED, YEAR_MS } from './common.js';
import { futuresBasis } from './futures_basis.js';

const FROM = Date.UTC(2026, 2, 18);
const EXP_MAR = Date.UTC(2026, 2, 27, 8);
const EXP_JUN = Date.UTC(2026, 5, 26, 8);
const FUNDING = 0.0001;
const base = { source: 'test', venue: 'binance', spotPrice: 100 };

/** Basis of the March future at hour i (decimal). */
const marBasis = (i: number) => 0.01 + 0.0001 * i;
const JUN_BASIS = 0.02;

describe('basis factors from dated futures in the store (tenor from expiry)', () => {
  let store: Store;
  let perpOnly: Store;
  beforeAll(async () => {
    store = await Store.open(':memory:');
    perpOnly = await Store.open(':memory:');
    const perp = Array.from({ length: 72 }, (_, i) => ({
      ...base,
      symbol: 'BTC/USDT:USDT',
      tsEvent: FROM + i * HOUR_MS,
      basis: 0.0002,
    }));
    // March contract hours 0..47, June contract hours 24..71: they overlap on 24..47 (March is the front)
    const mar = Array.from({ length: 48 }, (_, i) => ({
      ...base,
      symbol: 'BTC/USDT:USDT-260327',
      tsEvent: FROM + i * HOUR_MS,
      basis: marBasis(i),
      expiry: EXP_MAR,
    }));
    const jun = Array.from({ length: 48 }, (_, k) => ({
      ...base,
      symbol: 'BTC/USDT:USDT-260626',
      tsEvent: FROM + (k + 24) * HOUR_MS,
      basis: JUN_BASIS,
      expiry: EXP_JUN,
    }));
    const funding = Array.from({ length: 72 }, (_, i) => ({
      source: 'test',
      venue: 'binance',
      symbol: 'BTC/USDT:USDT',
      tsEvent: FROM + i * HOUR_MS,
      rate: FUNDING,
      intervalMs: 8 * HOUR_MS,
    }));
    await store.insert('basis', [...perp, ...mar, ...jun]);
    await store.insert('funding', funding);
    await perpOnly.insert('basis', perp);
    await perpOnly.insert('funding', funding);
  }, 30_000);
  afterAll(() => {
    store.close();
    perpOnly.close();
  });

  it('coverage: computable with dated futures, basis_carry not computable from perpetuals alone', async () => {
    const cov = await factorCoverage([futuresBasis, basisCarry], new StoreProvider(store), 'BTC/USDT');
    expect(cov.map((c) => c.computable)).toEqual([true, true]);
    expect(cov[1].where.tenor_days.where).toContain('BTC/USDT:USDT-2606');
    const perp = await factorCoverage([basisCarry], new StoreProvider(perpOnly), 'BTC/USDT');
    expect(perp[0].computable).toBe(false);
    expect(perp[0].missing).toEqual(['tenor_days']);
  });

  it('futures_basis and basis_carry equal the formula by hand on the rolled front-month series', async () => {
    const provider = new StoreProvider(store);
    const grid = { from: FROM, to: FROM + 71 * HOUR_MS, barMs: HOUR_MS };
    const fb = computeFactor(
      futuresBasis,
      await loadFactorInputs(futuresBasis, 'BTC/USDT', grid, provider),
      grid,
    );
    const bc = computeFactor(
      basisCarry,
      await loadFactorInputs(basisCarry, 'BTC/USDT', grid, provider),
      grid,
    );
    const fundingAnn = FUNDING * (YEAR_MS / (8 * HOUR_MS));
    let checked = 0;
    for (let i = 1; i < 72; i++) {
      const t = FROM + i * HOUR_MS;
      const front = i < 48;
      const b = front ? marBasis(i) : JUN_BASIS;
      const tenor = ((front ? EXP_MAR : EXP_JUN) - t) / 86_400_000;
      const ann = (b * 365) / tenor;
      expect(fb.ts[i]).toBe(t);
      expect(fb.columns.futures_basis__premium[i]).toBeCloseTo(b, 12);
      expect(fb.columns.futures_basis[i]).toBeCloseTo(ann, 10);
      expect(bc.columns.basis_carry__cash_and_carry[i]).toBeCloseTo(ann - CARRY_FEES_ANNUALIZED, 10);
      expect(bc.columns.basis_carry__gross[i]).toBeCloseTo(ann - fundingAnn, 10);
      expect(bc.columns.basis_carry[i]).toBeCloseTo(ann - fundingAnn - CARRY_FEES_ANNUALIZED, 10);
      checked++;
    }
    expect(checked).toBe(71);
    // spot check one value: hour 10 of the March contract, 9 days minus 2 hours to expiry
    const t10 = FROM + 10 * HOUR_MS;
    expect((EXP_MAR - t10) / 86_400_000).toBeCloseTo(9 - 2 / 24, 12);
    expect(fb.columns.futures_basis[10]).toBeCloseTo((0.011 * 365) / (9 - 2 / 24), 10);
  });
});
