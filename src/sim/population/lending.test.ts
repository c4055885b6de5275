import { describe, expect, it } from 'vitest';
import { LendingDesk } from './lending.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');

describe('LendingDesk (exact LendingMarket)', () => {
  it('seeds 40% utilization and follows the kinked rate model', () => {
    const l = new LendingDesk('ETH', 2, 3000, T0);
    expect(l.supplied).toBeCloseTo(50_000_000, 3);
    expect(l.borrowed).toBeCloseTo(20_000_000, 3);
    expect(l.utilization()).toBeCloseTo(0.4, 12);
    // 5% at the 80% kink: 0.4 / 0.8 * 5% = 2.5%; supply = 2.5% * 0.4 * 0.9.
    expect(l.borrowRate()).toBeCloseTo(0.025, 12);
    expect(l.supplyRate()).toBeCloseTo(0.025 * 0.4 * 0.9, 12);
    l.lend('0xl', -35_000_000);
    // Withdrawals keep cash at 2% of borrows: utilization 20 / 20.4 is above the kink.
    expect(l.supplied).toBeCloseTo(20_400_000, 0);
    const u = l.utilization();
    expect(l.borrowRate()).toBeCloseTo(0.05 + ((u - 0.8) / 0.2) * 0.8, 9);
  });

  it('accrues interest into the debt over time', () => {
    const l = new LendingDesk('ETH', 1, 3000, T0);
    const b0 = l.borrowed;
    const r = l.borrowRate();
    l.accrueTo(T0 + 365 * 86_400_000);
    expect(l.borrowed / b0 - 1).toBeCloseTo(r, 6);
  });

  it('borrows within capacity, flags and liquidates an unhealthy borrower with the bonus', () => {
    const l = new LendingDesk('ETH', 1, 3000, T0);
    l.addCollateral(0, 10);
    l.touch(T0, 3000);
    // Capacity 10 * 3000 * 0.8 = 24,000: a 30,000 target is capped.
    const d = l.rebalanceDebt(0, 30_000);
    expect(d).toBeCloseTo(24_000 * 0.999, 2);
    expect(l.health(0, 3000)).toBeCloseTo((30_000 * 0.825) / d, 9);
    expect(l.liquidationPrice(0)).toBeCloseTo(d / (10 * 0.825), 6);
    expect(l.liquidate('0xliq', 0)).toBeUndefined();
    l.touch(T0 + 60_000, 2500);
    expect(l.health(0, 2500)).toBeLessThan(1);
    const res = l.liquidate('0xliq', 0);
    expect(res).toBeDefined();
    if (!res) return;
    // Close factor 50%; seized = repaid * 1.05 / price.
    // One minute of interest accrued before the liquidation.
    expect(res.repaidUsd).toBeCloseTo(d / 2, 1);
    expect(res.seized).toBeCloseTo((res.repaidUsd * 1.05) / 2500, 9);
    expect(l.collateralOf(0)).toBeCloseTo(10 - res.seized, 9);
    expect(l.liquidationsUsdHour).toBeCloseTo(res.repaidUsd, 9);
    expect(res.badDebtUsd).toBe(0);
  });

  it('writes off bad debt when the collateral runs out', () => {
    const l = new LendingDesk('ETH', 1, 3000, T0);
    l.addCollateral(0, 1);
    l.touch(T0, 3000);
    l.rebalanceDebt(0, 2000);
    l.touch(T0 + 60_000, 1000);
    const res = l.liquidate('0xliq', 0);
    expect(res?.badDebtUsd).toBeGreaterThan(0);
    expect(l.debtOf(0)).toBe(0);
    expect(l.badDebtUsd()).toBeGreaterThan(0);
  });
});
