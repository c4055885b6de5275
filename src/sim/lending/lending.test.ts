import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../chain/ledger.js';
import { LendingMarket } from './lendingMarket.js';
import { WAD, borrowRate, fromWad, supplyRate, toWad } from './rateModel.js';

const model = { baseRate: toWad(0.02), multiplier: toWad(0.1), jumpMultiplier: toWad(1), kink: toWad(0.8) };
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

function setup() {
  const ledger = new Ledger('eth');
  const m = new LendingMarket('0xlend', ledger);
  m.listReserve(
    {
      token: 'WETH',
      decimals: 18,
      collateralFactor: toWad(0.75),
      liquidationThreshold: toWad(0.8),
      liquidationBonus: toWad(0.05),
      reserveFactor: toWad(0.1),
      rateModel: model,
    },
    2000,
    0,
  );
  m.listReserve(
    {
      token: 'USDC',
      decimals: 6,
      collateralFactor: toWad(0.8),
      liquidationThreshold: toWad(0.85),
      liquidationBonus: toWad(0.04),
      reserveFactor: toWad(0.1),
      rateModel: model,
    },
    1,
    0,
  );
  ledger.mint('USDC', 'lp', 1_000_000n * E6);
  ledger.mint('WETH', 'alice', 10n * E18);
  ledger.mint('USDC', 'liq', 100_000n * E6);
  m.supply('lp', 'USDC', 1_000_000n * E6, 0);
  return { ledger, m };
}

describe('rate model', () => {
  it('kinked borrow rate and supply rate', () => {
    expect(fromWad(borrowRate(model, toWad(0.5)))).toBeCloseTo(0.07, 15);
    expect(fromWad(borrowRate(model, toWad(0.8)))).toBeCloseTo(0.1, 15);
    expect(fromWad(borrowRate(model, toWad(0.9)))).toBeCloseTo(0.2, 15);
    expect(fromWad(supplyRate(model, toWad(0.5), toWad(0.1)))).toBeCloseTo(0.5 * 0.07 * 0.9, 15);
  });
});

describe('LendingMarket', () => {
  it('accrues interest into the borrow index and the exchange rate', () => {
    const { m } = setup();
    m.supply('alice', 'WETH', E18, 0);
    m.borrow('alice', 'USDC', 1000n * E6, 0);
    const u = m.reserveState('USDC').utilization;
    const rate = borrowRate(model, u);
    m.accrue('USDC', 31_536_000);
    // one accrual over a year: simple interest at the rate of the interval's start
    expect(m.borrowBalance('alice', 'USDC')).toBe(1000n * E6 + (1000n * E6 * rate) / WAD);
    const st = m.reserveState('USDC');
    expect(st.totalReserves).toBe(((st.totalBorrows - 1000n * E6) * toWad(0.1)) / WAD);
    expect(m.exchangeRate('USDC')).toBeGreaterThan(WAD);
  });

  it('enforces collateral factors', () => {
    const { m } = setup();
    m.supply('alice', 'WETH', E18, 0);
    expect(() => m.borrow('alice', 'USDC', 1501n * E6, 0)).toThrow(/capacity/);
    m.borrow('alice', 'USDC', 1500n * E6, 0);
    expect(m.healthFactor('alice')).toBeCloseTo((2000 * 0.8) / 1500, 12);
    expect(() => m.withdraw('alice', 'WETH', m.sharesOf('alice', 'WETH'), 0)).toThrow(/under-collateralized/);
  });

  it('liquidation arithmetic: close factor 50%, 5% bonus', () => {
    const { m, ledger } = setup();
    m.supply('alice', 'WETH', E18, 0);
    m.borrow('alice', 'USDC', 1500n * E6, 0);
    expect(() => m.liquidate('liq', 'alice', 'USDC', 'WETH', 750n * E6, 0)).toThrow(/not liquidatable/);
    m.setPrice('WETH', 1800);
    expect(m.healthFactor('alice')).toBeCloseTo((1800 * 0.8) / 1500, 12);
    const r = m.liquidate('liq', 'alice', 'USDC', 'WETH', 10_000n * E6, 0);
    expect(r.repaid).toBe(750n * E6);
    // 750 USD * 1.05 / 1800 USD per ETH = 0.4375 ETH
    expect(r.seizedUnderlying).toBe(437_500_000_000_000_000n);
    expect(m.supplyBalance('liq', 'WETH')).toBe(437_500_000_000_000_000n);
    expect(m.borrowBalance('alice', 'USDC')).toBe(750n * E6);
    expect(ledger.balanceOf('USDC', 'liq')).toBe(99_250n * E6);
    expect(r.badDebt).toBe(0n);
  });

  it('writes off bad debt when collateral runs out', () => {
    const { m } = setup();
    m.supply('alice', 'WETH', E18, 0);
    m.borrow('alice', 'USDC', 1500n * E6, 0);
    m.setPrice('WETH', 1000);
    const r1 = m.liquidate('liq', 'alice', 'USDC', 'WETH', 750n * E6, 0);
    expect(r1.seizedUnderlying).toBe(787_500_000_000_000_000n); // 750 * 1.05 / 1000
    const r2 = m.liquidate('liq', 'alice', 'USDC', 'WETH', 750n * E6, 0);
    // remaining 0.2125 ETH = 212.5 USD covers 212.5 / 1.05 = 202.380952 USDC of debt
    expect(r2.seizedUnderlying).toBe(212_500_000_000_000_000n);
    expect(r2.repaid).toBe(202_380_952n);
    expect(m.reserveState('USDC').badDebt).toBe(750n * E6 - 202_380_952n);
    expect(m.borrowBalance('alice', 'USDC')).toBe(0n);
    expect(fromWad(r2.badDebt)).toBeCloseTo(547.619048, 6);
  });

  it('property: tokens are conserved and cash equals the ledger balance after every action', () => {
    const act = fc.record({
      kind: fc.integer({ min: 0, max: 5 }),
      who: fc.constantFrom('a', 'b', 'c'),
      amt: fc.integer({ min: 1, max: 5000 }),
      dt: fc.integer({ min: 0, max: 86_400 * 30 }),
      px: fc.integer({ min: 300, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(act, { maxLength: 50 }), (acts) => {
        const { m, ledger } = setup();
        for (const w of ['a', 'b', 'c']) {
          ledger.mint('WETH', w, 5n * E18);
          ledger.mint('USDC', w, 10_000n * E6);
        }
        let t = 0;
        for (const a of acts) {
          t += a.dt;
          try {
            if (a.kind === 0) m.supply(a.who, 'WETH', (BigInt(a.amt) * E18) / 1000n, t);
            else if (a.kind === 1) m.borrow(a.who, 'USDC', BigInt(a.amt) * E6, t);
            else if (a.kind === 2) m.repay(a.who, a.who, 'USDC', BigInt(a.amt) * E6, t);
            else if (a.kind === 3) m.setPrice('WETH', a.px);
            else if (a.kind === 4) {
              for (const u of m.users())
                if (m.healthFactor(u) < 1) m.liquidate('liq', u, 'USDC', 'WETH', 10n ** 12n, t);
            } else {
              const sh = m.sharesOf(a.who, 'WETH');
              if (sh > 0n) m.withdraw(a.who, 'WETH', sh / 2n + 1n, t);
            }
          } catch (e) {
            if (!(e instanceof Error) || !/capacity|cash|has|under-collateralized|nothing/.test(e.message))
              throw e;
          }
          expect(ledger.checkConservation()).toBe(true);
          for (const tok of ['WETH', 'USDC']) {
            const st = m.reserveState(tok);
            expect(st.cash).toBe(ledger.balanceOf(tok, '0xlend'));
            // suppliers' claims never exceed what the reserve holds plus lends out
            expect(st.cash + st.totalBorrows - st.totalReserves >= 0n).toBe(true);
          }
        }
      }),
      { numRuns: 60, seed: 5 },
    );
  });
});

describe('LendingMarket records', () => {
  it('emits schema-valid DeFi metrics', async () => {
    const { MemorySink } = await import('../recordSink.js');
    const { defiMetricSchema } = await import('../../data/schemas/index.js');
    const { m } = setup();
    m.supply('alice', 'WETH', E18, 0);
    m.borrow('alice', 'USDC', 1000n * E6, 0);
    const sink = new MemorySink();
    m.emitMetrics(sink, 'sim_lending', 'ethereum', 1_700_000_000_000);
    const rows = sink.get('defiMetrics').map((r) => defiMetricSchema.parse(r));
    const util = rows.find((r) => r.asset === 'USDC' && r.metric === 'utilization')?.value;
    expect(util).toBeCloseTo(1000 / 1_000_000, 12);
    expect(rows.find((r) => r.asset === 'USDC' && r.metric === 'tvl_usd')?.value).toBeCloseTo(1_000_000, 6);
  });
});
