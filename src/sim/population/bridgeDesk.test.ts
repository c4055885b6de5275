import { describe, expect, it } from 'vitest';
import { BridgeDesk } from './bridgeDesk.js';

describe('BridgeDesk (lock-and-mint Bridge)', () => {
  it('delivers after the delay, counts inflow/outflow and keeps the escrow backing', () => {
    const b = new BridgeDesk('ethereum', 'arbitrum', 600_000);
    expect(b.send(0, '0xu', 1_000_000, true)).toBe(1_000_000);
    b.deliver(599_999);
    expect(b.inflowUsdDay).toBe(0);
    expect(b.remoteBalance('0xu')).toBe(0);
    b.deliver(600_000);
    expect(b.inflowUsdDay).toBe(1_000_000);
    expect(b.remoteBalance('0xu')).toBe(1_000_000);
    // Withdrawals are capped by the wrapped balance held on the L2.
    expect(b.send(700_000, '0xu', 3_000_000, false)).toBe(1_000_000);
    expect(b.send(700_000, '0xother', 5, false)).toBe(0);
    expect(b.bridge.checkBacking('USDC')).toBe(true);
    b.deliver(1_300_000);
    expect(b.outflowUsdDay).toBe(1_000_000);
    expect(b.lockedUsd()).toBe(0);
    expect(b.home.balanceOf('USDC', '0xu')).toBe(1_000_000n * 1_000_000n);
    expect(b.bridge.checkBacking('USDC')).toBe(true);
  });
});
