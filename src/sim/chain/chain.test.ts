import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { V2Pair } from '../amm/v2Pair.js';
import { MemorySink } from '../recordSink.js';
import { Bridge } from './bridge.js';
import { Chain, FLASH_LENDER, STAKING_ADDRESS } from './chain.js';
import { effectivePriorityFee, nextBaseFee } from './eip1559.js';
import { Ledger } from './ledger.js';
import type { TxCall } from './txTypes.js';
import { blockSchema, dexSwapSchema, transactionSchema } from '../../data/schemas/index.js';

const GWEI = 10n ** 9n;
const ETH = 10n ** 18n;

/** EIP-1559 spec formula written out independently (Python reference, with integer division). */
function specBaseFee(parent: bigint, used: bigint, limit: bigint): bigint {
  const target = limit / 2n;
  if (used === target) return parent;
  if (used > target) {
    const d = (parent * (used - target)) / target / 8n;
    return parent + (d > 1n ? d : 1n);
  }
  return parent - (parent * (target - used)) / target / 8n;
}

describe('EIP-1559 base fee', () => {
  it('follows the spec: unchanged at target, +12.5% full, -12.5% empty, min +1 wei, integer division', () => {
    const L = 30_000_000n;
    expect(nextBaseFee(1_000_000_000n, 15_000_000n, L)).toBe(1_000_000_000n);
    expect(nextBaseFee(1_000_000_000n, 30_000_000n, L)).toBe(1_125_000_000n);
    expect(nextBaseFee(1_000_000_000n, 0n, L)).toBe(875_000_000n);
    expect(nextBaseFee(7n, 15_000_001n, L)).toBe(8n); // delta rounds to 0, min 1
    expect(nextBaseFee(7n, 0n, L)).toBe(7n); // 7 * 1 / 8 = 0
    expect(nextBaseFee(0n, 30_000_000n, L)).toBe(1n);
    const rng = new Rng(1559);
    for (let i = 0; i < 2000; i++) {
      const parent = BigInt(Math.floor(rng.uniform() * 1e12));
      const limit = BigInt(1_000_000 + rng.int(40_000_000));
      const used = BigInt(Math.floor(rng.uniform() * Number(limit)));
      expect(nextBaseFee(parent, used, limit)).toBe(specBaseFee(parent, used, limit));
    }
    expect(() => nextBaseFee(1n, 31_000_000n, L)).toThrow(/exceeds/);
  });

  it('effective priority fee is min(maxPriority, maxFee - baseFee)', () => {
    expect(effectivePriorityFee(100n, 2n, 90n)).toBe(2n);
    expect(effectivePriorityFee(100n, 20n, 90n)).toBe(10n);
  });
});

function mkChain(name = 'ethereum', sink = new MemorySink(), gasLimit = 300_000n) {
  const chain = new Chain({
    name,
    sink,
    rng: new Rng(1).fork(name),
    gasLimit,
    initialBaseFee: 10n * GWEI,
    blockReward: 2n * 10n ** 16n,
    exchangeAddresses: ['0xcex'],
  });
  return { chain, sink };
}

describe('Chain', () => {
  it('orders by priority fee, respects the gas limit and raises the base fee under congestion', () => {
    const { chain, sink } = mkChain();
    for (let i = 0; i < 30; i++) chain.ledger.mint('ETH', `u${i}`, 10n * ETH);
    for (let i = 0; i < 30; i++)
      chain.submit(
        {
          from: `u${i}`,
          gasLimit: 21_000n,
          maxFeePerGas: 100n * GWEI,
          maxPriorityFeePerGas: BigInt(i + 1) * GWEI,
          call: { type: 'transfer', to: '0xcex', amount: ETH },
        },
        0,
      );
    const r1 = chain.produceBlock(12_000);
    expect(r1).toHaveLength(14); // 14 * 21000 = 294000 <= 300000
    expect(r1.map((r) => r.from)).toEqual(Array.from({ length: 14 }, (_, k) => `u${29 - k}`));
    expect(chain.baseFee).toBe(nextBaseFee(10n * GWEI, 294_000n, 300_000n));
    expect(chain.baseFee).toBeGreaterThan(10n * GWEI);
    chain.produceBlock(24_000);
    chain.produceBlock(36_000);
    expect(chain.mempoolSize).toBe(0);
    expect(chain.ledger.checkConservation()).toBe(true);
    // base fee burned: supply fell by exactly the burn, issuance added 3 rewards
    expect(chain.ledger.supply('ETH')).toBe(300n * ETH + 3n * 2n * 10n ** 16n - chain.ledger.burnedOf('ETH'));
    for (const b of sink.get('blocks')) blockSchema.parse(b);
    for (const t of sink.get('transactions')) transactionSchema.parse(t);
    chain.emitMetrics(36_000);
    const m = Object.fromEntries(sink.get('onchainMetrics').map((x) => [x.metric, x.value]));
    expect(m.tx_count).toBe(30);
    expect(m.exchange_inflow).toBe(30);
  });

  it('keeps transactions whose max fee is below the base fee in the mempool', () => {
    const { chain } = mkChain();
    chain.ledger.mint('ETH', 'a', ETH);
    chain.submit(
      {
        from: 'a',
        gasLimit: 21_000n,
        maxFeePerGas: 5n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: { type: 'transfer', to: 'b', amount: 1n },
      },
      0,
    );
    expect(chain.produceBlock(12_000)).toHaveLength(0);
    expect(chain.mempoolSize).toBe(1);
  });

  it('flash loans revert unless repaid with the fee; reverts roll back state but charge gas', () => {
    const { chain, sink } = mkChain();
    const L = chain.ledger;
    L.mint('ETH', 'arb', ETH);
    L.mint('USDC', FLASH_LENDER, 1_000_000n);
    L.mint('USDC', 'lp', 1_000_000n);
    L.mint('WETH', 'lp', 1_000_000n);
    const pair = new V2Pair('p');
    chain.addV2Pool('0xpair', pair, 'USDC', 'WETH');
    chain.seedV2('0xpair', 'lp', 1_000_000n, 1_000_000n);
    // borrow 10000 USDC, swap it to WETH, never repay -> revert
    const bad = chain.submit(
      {
        from: 'arb',
        gasLimit: 250_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: {
          type: 'flashLoan',
          token: 'USDC',
          amount: 10_000n,
          calls: [{ type: 'swapV2', pool: '0xpair', zeroForOne: true, amountIn: 10_000n, minOut: 0n }],
        },
      },
      0,
    );
    const ethBefore = L.balanceOf('ETH', 'arb');
    chain.produceBlock(12_000);
    expect(chain.receipts.get(bad)?.status).toBe('reverted');
    expect(chain.receipts.get(bad)?.reason).toBe('flash loan not repaid');
    expect(pair.reserve0).toBe(1_000_000n);
    expect(L.balanceOf('USDC', FLASH_LENDER)).toBe(1_000_000n);
    expect(L.balanceOf('ETH', 'arb')).toBe(
      ethBefore -
        (chain.receipts.get(bad)?.gasUsed ?? 0n) * (chain.receipts.get(bad)?.effectiveGasPrice ?? 0n),
    );
    expect(sink.get('dexSwaps')).toHaveLength(0);
    // now give arb the fee and repay: borrow, swap there and back, repay
    L.mint('USDC', 'arb', 100n);
    const good = chain.submit(
      {
        from: 'arb',
        gasLimit: 250_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: {
          type: 'flashLoan',
          token: 'USDC',
          amount: 10_000n,
          calls: [{ type: 'transfer', to: 'arb', token: 'USDC', amount: 1n }],
        },
      },
      12_000,
    );
    chain.produceBlock(24_000);
    expect(chain.receipts.get(good)?.status).toBe('success');
    expect(L.balanceOf('USDC', FLASH_LENDER)).toBe(1_000_009n); // 9 bp fee
    expect(L.checkConservation()).toBe(true);
  });

  it('v2 swaps through the chain keep reserves equal to ledger balances and emit swaps', () => {
    const { chain, sink } = mkChain();
    const L = chain.ledger;
    L.mint('ETH', 't', ETH);
    L.mint('USDC', 'lp', 10n ** 12n);
    L.mint('WETH', 'lp', 10n ** 21n);
    L.mint('USDC', 't', 10n ** 9n);
    const pair = new V2Pair('p');
    chain.addV2Pool('0xpair', pair, 'USDC', 'WETH');
    chain.seedV2('0xpair', 'lp', 10n ** 12n, 10n ** 21n);
    L.mint('USDC', 'lp2', 10n ** 9n);
    L.mint('WETH', 'lp2', 10n ** 18n);
    L.mint('ETH', 'lp2', ETH);
    const add = { from: 'lp2', gasLimit: 200_000n, maxFeePerGas: 50n * GWEI, maxPriorityFeePerGas: GWEI };
    chain.submit(
      { ...add, call: { type: 'addLiquidityV2', pool: '0xpair', amount0: 10n ** 9n, amount1: 10n ** 18n } },
      0,
    );
    chain.produceBlock(6_000);
    expect(pair.lpBalance('lp2')).toBeGreaterThan(0n);
    chain.submit(
      { ...add, call: { type: 'removeLiquidityV2', pool: '0xpair', liquidity: pair.lpBalance('lp2') } },
      6_000,
    );
    chain.produceBlock(9_000);
    expect(pair.lpBalance('lp2')).toBe(0n);
    expect(L.balanceOf('USDC', 'lp2')).toBeLessThanOrEqual(10n ** 9n);
    expect(L.balanceOf('USDC', 'lp2')).toBeGreaterThan(10n ** 9n - 10n);
    chain.submit(
      {
        from: 't',
        gasLimit: 200_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: { type: 'swapV2', pool: '0xpair', zeroForOne: true, amountIn: 10n ** 9n, minOut: 1n },
      },
      0,
    );
    chain.produceBlock(12_000);
    expect(pair.reserve0).toBe(L.balanceOf('USDC', '0xpair'));
    expect(pair.reserve1).toBe(L.balanceOf('WETH', '0xpair'));
    const s = dexSwapSchema.parse(sink.get('dexSwaps')[0]);
    expect(BigInt(s.amountOut)).toBe(L.balanceOf('WETH', 't'));
    expect(sink.get('poolReserves')).toHaveLength(3); // one per block that touched the pool
  });

  it('staking: proposers are validators by stake and earn tips and issuance', () => {
    const { chain } = mkChain();
    chain.ledger.mint('ETH', 'v1', 100n * ETH);
    chain.submit(
      {
        from: 'v1',
        gasLimit: 100_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: 2n * GWEI,
        call: { type: 'stake', amount: 32n * ETH },
      },
      0,
    );
    chain.produceBlock(12_000);
    expect(chain.stakeOf('v1')).toBe(32n * ETH);
    expect(chain.ledger.balanceOf('ETH', STAKING_ADDRESS)).toBe(32n * ETH);
    const before = chain.ledger.balanceOf('ETH', 'v1');
    chain.produceBlock(24_000);
    expect(chain.ledger.balanceOf('ETH', 'v1')).toBe(before + 2n * 10n ** 16n);
  });

  it('bridge: lock and mint with a delay, burn and release, always fully backed', () => {
    const a = mkChain('ethereum').chain;
    const b = mkChain('arbitrum').chain;
    const bridge = new Bridge(
      { chain: 'ethereum', ledger: a.ledger },
      { chain: 'arbitrum', ledger: b.ledger },
      60_000,
    );
    a.addBridge('arbitrum', bridge);
    b.addBridge('ethereum', bridge);
    a.ledger.mint('ETH', 'u', 10n * ETH);
    b.ledger.mint('ETH', 'u', ETH);
    a.ledger.mint('USDC', 'u', 5000n);
    a.submit(
      {
        from: 'u',
        gasLimit: 150_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: { type: 'bridge', token: 'USDC', amount: 3000n, toChain: 'arbitrum' },
      },
      0,
    );
    a.produceBlock(12_000);
    expect(bridge.checkBacking('USDC')).toBe(true);
    b.produceBlock(24_000);
    expect(b.ledger.balanceOf('USDC.ethereum', 'u')).toBe(0n);
    b.produceBlock(72_000);
    expect(b.ledger.balanceOf('USDC.ethereum', 'u')).toBe(3000n);
    b.submit(
      {
        from: 'u',
        gasLimit: 150_000n,
        maxFeePerGas: 50n * GWEI,
        maxPriorityFeePerGas: GWEI,
        call: { type: 'bridge', token: 'USDC.ethereum', amount: 1000n, toChain: 'ethereum' },
      },
      72_000,
    );
    b.produceBlock(84_000);
    expect(bridge.checkBacking('USDC')).toBe(true);
    a.produceBlock(150_000);
    expect(a.ledger.balanceOf('USDC', 'u')).toBe(3000n);
    expect(bridge.checkBacking('USDC')).toBe(true);
    expect(a.ledger.checkConservation() && b.ledger.checkConservation()).toBe(true);
  });
});

describe('Ledger', () => {
  it('rolls back transfers, mints and burns', () => {
    const l = new Ledger('x');
    l.mint('T', 'a', 100n);
    l.begin();
    l.transfer('T', 'a', 'b', 40n);
    l.mint('T', 'c', 5n);
    l.burn('T', 'b', 10n);
    l.rollback();
    expect(l.balanceOf('T', 'a')).toBe(100n);
    expect(l.balanceOf('T', 'b')).toBe(0n);
    expect(l.supply('T')).toBe(100n);
    expect(l.checkConservation()).toBe(true);
    expect(() => l.transfer('T', 'a', 'b', 101n)).toThrow(/needs 101/);
  });
});

describe('Chain with v3 pool and lending market', () => {
  it('v3 swaps and lending calls keep protocol state equal to ledger balances; failed calls roll back', async () => {
    const { V3Pool } = await import('../amm/v3Pool.js');
    const { getSqrtRatioAtTick } = await import('../amm/tickMath.js');
    const { LendingMarket } = await import('../lending/lendingMarket.js');
    const { toWad } = await import('../lending/rateModel.js');
    const { chain } = mkChain('ethereum', new MemorySink(), 3_000_000n);
    chain.ledger.mint('ETH', 'u', 10n * ETH);
    const L = chain.ledger;
    L.mint('WETH', 'lp', 10n ** 24n);
    L.mint('USDC', 'lp', 10n ** 24n);
    L.mint('WETH', 'u', 10n ** 20n);
    const pool = new V3Pool('v3', 3000, 60, getSqrtRatioAtTick(0));
    chain.addV3Pool('0xv3', pool, 'WETH', 'USDC');
    chain.seedV3('0xv3', 'lp', -600, 600, 10n ** 22n);
    chain.seedV3('0xv3', 'lp', -1200, -600, 10n ** 22n);
    const market = new LendingMarket('0xlend', L);
    const rm = { baseRate: toWad(0.01), multiplier: toWad(0.1), jumpMultiplier: toWad(1), kink: toWad(0.8) };
    const p = {
      liquidationThreshold: toWad(0.85),
      liquidationBonus: toWad(0.05),
      reserveFactor: toWad(0.1),
      rateModel: rm,
    };
    market.listReserve({ token: 'WETH', decimals: 18, collateralFactor: toWad(0.8), ...p }, 1, 0);
    market.listReserve({ token: 'USDC', decimals: 18, collateralFactor: toWad(0.8), ...p }, 1, 0);
    market.supply('lp', 'USDC', 10n ** 22n, 0);
    chain.setLendingMarket(market);
    const fee = { gasLimit: 290_000n, maxFeePerGas: 50n * GWEI, maxPriorityFeePerGas: GWEI };
    const swap = chain.submit(
      {
        from: 'u',
        ...fee,
        call: { type: 'swapV3', pool: '0xv3', zeroForOne: true, amountIn: 5n * 10n ** 19n, minOut: 1n },
      },
      0,
    );
    chain.produceBlock(12_000);
    expect(chain.receipts.get(swap)?.status).toBe('success');
    expect(pool.balance0).toBe(L.balanceOf('WETH', '0xv3'));
    expect(pool.balance1).toBe(L.balanceOf('USDC', '0xv3'));
    const sup = chain.submit(
      { from: 'u', ...fee, call: { type: 'lend', action: 'supply', token: 'WETH', amount: 10n ** 19n } },
      12_000,
    );
    const tooMuch = chain.submit(
      { from: 'u', ...fee, call: { type: 'lend', action: 'borrow', token: 'USDC', amount: 9n * 10n ** 18n } },
      12_000,
    );
    chain.produceBlock(24_000);
    expect(chain.receipts.get(sup)?.status).toBe('success');
    expect(chain.receipts.get(tooMuch)?.status).toBe('reverted');
    expect(market.borrowBalance('u', 'USDC')).toBe(0n);
    const ok = chain.submit(
      { from: 'u', ...fee, call: { type: 'lend', action: 'borrow', token: 'USDC', amount: 7n * 10n ** 18n } },
      24_000,
    );
    chain.produceBlock(36_000);
    expect(chain.receipts.get(ok)?.status).toBe('success');
    for (const t of ['WETH', 'USDC']) expect(market.reserveState(t).cash).toBe(L.balanceOf(t, '0xlend'));
    expect(L.checkConservation()).toBe(true);
  });

  it('property: random transaction flows conserve every token and keep pools equal to the ledger after every block', async () => {
    const fc = (await import('fast-check')).default;
    const tx = fc.record({
      who: fc.integer({ min: 0, max: 4 }),
      kind: fc.integer({ min: 0, max: 3 }),
      amt: fc.bigInt({ min: 1n, max: 10n ** 20n }),
      tip: fc.integer({ min: 0, max: 5 }),
      dir: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(tx, { maxLength: 8 }), { maxLength: 10 }), (blocks) => {
        const { chain } = mkChain('ethereum', new MemorySink(), 1_000_000n);
        const L = chain.ledger;
        L.mint('USDC', 'lp', 10n ** 24n);
        L.mint('WETH', 'lp', 10n ** 24n);
        L.mint('USDC', FLASH_LENDER, 10n ** 22n);
        for (let i = 0; i < 5; i++) {
          L.mint('ETH', `w${i}`, 5n * ETH);
          L.mint('USDC', `w${i}`, 10n ** 21n);
          L.mint('WETH', `w${i}`, 10n ** 21n);
        }
        const pair = new V2Pair('p');
        chain.addV2Pool('0xpair', pair, 'USDC', 'WETH');
        chain.seedV2('0xpair', 'lp', 10n ** 23n, 10n ** 23n);
        let t = 0;
        for (const b of blocks) {
          for (const x of b) {
            const from = `w${x.who}`;
            const f = {
              from,
              gasLimit: 200_000n,
              maxFeePerGas: 40n * GWEI,
              maxPriorityFeePerGas: BigInt(x.tip) * GWEI,
            };
            const call: TxCall =
              x.kind === 0
                ? { type: 'transfer', to: `w${(x.who + 1) % 5}`, amount: x.amt / 100n }
                : x.kind === 1
                  ? { type: 'swapV2', pool: '0xpair', zeroForOne: x.dir, amountIn: x.amt, minOut: 1n }
                  : x.kind === 2
                    ? { type: 'flashLoan', token: 'USDC', amount: x.amt, calls: [] }
                    : { type: 'stake', amount: x.amt / 10n };
            chain.submit({ ...f, call }, t);
          }
          t += 12_000;
          chain.produceBlock(t);
          if (!L.checkConservation()) return false;
          if (
            pair.reserve0 !== L.balanceOf('USDC', '0xpair') ||
            pair.reserve1 !== L.balanceOf('WETH', '0xpair')
          )
            return false;
          if (L.balanceOf('ETH', '0xgasescrow') !== 0n) return false;
        }
        return true;
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});
