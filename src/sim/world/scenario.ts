import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputFileError } from '../../errors/data.js';
import { ScenarioError } from '../../errors/simWorld.js';
import { MARKET_REGIMES } from './regimes.js';
import { NEWS_CATEGORIES } from './newsTemplates.js';

const assetSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]+$/),
  price: z.number().positive(),
  chain: z.string().regex(/^[a-z0-9_-]+$/),
  beta: z.number().default(1),
  idioVolDaily: z.number().nonnegative().default(0.01),
  dex: z.boolean().default(false),
  staking: z.boolean().default(false),
});

const populationSchema = z.object({
  noise: z.int().nonnegative().default(400),
  value: z.int().nonnegative().default(40),
  momentum: z.int().nonnegative().default(25),
  retail: z.int().nonnegative().default(150),
  whales: z.int().nonnegative().default(3),
  makersPerVenue: z.int().positive().default(2),
  leveraged: z.int().nonnegative().default(40),
  borrowers: z.int().nonnegative().default(30),
  lenders: z.int().nonnegative().default(5),
  lps: z.int().nonnegative().default(4),
  stakers: z.int().nonnegative().default(5),
  /** Mean seconds between a noise trader's orders. */
  noiseMeanSec: z.number().positive().default(1200),
});

/**
 * The world's tunable parameters (the calibration knobs are marked in {@link CALIBRATION_KNOBS}). Defaults of
 * the knobs are the result of `cwm sim calibrate` against Binance BTCUSDT 1h (2022-04..2025-04; 15
 * evaluations of 40 simulated days, seed 42): scaled fact distance 1.228 -> 1.164.
 */
const paramsSchema = z.object({
  /** Daily volatility of the common crypto factor in the fundamental (decimal). */
  commonVolDaily: z.number().nonnegative().default(0.0245),
  /** Kyle lambda of market makers: relative fair-value move per USD of net taker flow. */
  lambdaPerUsd: z.number().nonnegative().default(3.35e-9),
  /** Share of the gap to the fundamental a market maker closes per requote. */
  mmAnchor: z.number().min(0).max(1).default(0.05),
  /** Avellaneda-Stoikov risk aversion. */
  mmGamma: z.number().positive().default(2),
  /** Jumps of the fundamental per day (Merton, 1976, jump diffusion) and their log-size sd. */
  jumpsPerDay: z.number().nonnegative().default(0.723),
  jumpSd: z.number().nonnegative().default(0.013),
  /** Exponent of the activity-volatility feedback (0 = none). */
  volFeedback: z.number().nonnegative().default(2.5),
  /** Belief shift per unit news size (log-price units). */
  newsImpact: z.number().nonnegative().default(0.039),
  /** Median noise order, USD. */
  noiseMedianUsd: z.number().positive().default(4400),
  /** Median value-trader order, USD. */
  valueMedianUsd: z.number().positive().default(20_000),
  /** Median momentum order, USD. */
  momentumMedianUsd: z.number().positive().default(15_000),
  /** Perp premium per USD of leveraged demand. */
  perpImpactPerUsd: z.number().nonnegative().default(2e-9),
  /** Equity beta of the fundamental per regime (calm bull, volatile bear, crash, sideways). */
  equityBeta: z.array(z.number()).length(4).default([0.3, 0.8, 1.2, 0.4]),
  /** Dollar-index beta per regime. */
  dxyBeta: z.array(z.number()).length(4).default([-0.5, -1, -1.5, -0.5]),
});

const shockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('news'),
    day: z.number().nonnegative(),
    category: z.enum(NEWS_CATEGORIES),
    sign: z.union([z.literal(1), z.literal(-1)]),
    size: z.number().min(0).max(1),
    asset: z.string().optional(),
  }),
  z.object({ kind: z.literal('regime'), day: z.number().nonnegative(), regime: z.enum(MARKET_REGIMES) }),
  z.object({ kind: z.literal('rate'), day: z.number().nonnegative(), bps: z.number() }),
  z.object({ kind: z.literal('depeg'), day: z.number().nonnegative(), depth: z.number().min(0).max(1) }),
  z.object({
    kind: z.literal('hack'),
    day: z.number().nonnegative(),
    venue: z.string(),
    lossUsd: z.number().positive(),
  }),
  z.object({ kind: z.literal('leverage'), day: z.number().nonnegative(), factor: z.number().positive() }),
]);

/** A world scenario: assets, population, parameters, recording options and scripted shocks (zod-validated). */
export const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  /** Start of the simulated clock (UTC date `YYYY-MM-DD`). */
  start: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default('2024-01-01'),
  initialRegime: z.enum(MARKET_REGIMES).default('sideways'),
  assets: z
    .array(assetSchema)
    .min(1)
    .default([
      {
        symbol: 'BTC',
        price: 60_000,
        chain: 'bitcoin',
        beta: 1,
        idioVolDaily: 0.008,
        dex: false,
        staking: false,
      },
      {
        symbol: 'ETH',
        price: 3_000,
        chain: 'ethereum',
        beta: 1.2,
        idioVolDaily: 0.012,
        dex: true,
        staking: true,
      },
      {
        symbol: 'SOL',
        price: 150,
        chain: 'solana',
        beta: 1.5,
        idioVolDaily: 0.02,
        dex: false,
        staking: true,
      },
    ]),
  population: populationSchema.default(populationSchema.parse({})),
  params: paramsSchema.default(paramsSchema.parse({})),
  record: z
    .object({
      trades: z.boolean().default(true),
      blocks: z.boolean().default(true),
      quotesEveryMin: z.int().positive().default(1),
      booksEveryMin: z.int().positive().default(60),
    })
    .default({ trades: true, blocks: true, quotesEveryMin: 1, booksEveryMin: 60 }),
  shocks: z.array(shockSchema).default([]),
});

/** A validated scenario. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file (defaults may be omitted). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** Tunable world parameters. */
export type WorldParams = Scenario['params'];

/** Parameters `cwm sim calibrate` tunes, with search bounds (log-uniform when `log`). */
export const CALIBRATION_KNOBS: ReadonlyArray<{
  key: keyof WorldParams;
  lo: number;
  hi: number;
  log: boolean;
}> = [
  { key: 'commonVolDaily', lo: 0.005, hi: 0.06, log: true },
  { key: 'lambdaPerUsd', lo: 3e-10, hi: 3e-8, log: true },
  { key: 'volFeedback', lo: 0, hi: 4, log: false },
  { key: 'newsImpact', lo: 0.002, hi: 0.1, log: true },
  { key: 'noiseMedianUsd', lo: 500, hi: 20_000, log: true },
  { key: 'jumpsPerDay', lo: 0.02, hi: 2, log: true },
];

/**
 * Validates a scenario object.
 * @throws {ScenarioError} naming the first invalid field.
 */
export function parseScenario(input: unknown): Scenario {
  const res = scenarioSchema.safeParse(input);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw new ScenarioError(issue.path.join('.') || '(root)', issue.message);
  }
  return res.data;
}

/** Built-in scenarios. */
export const BUILTIN_SCENARIOS: Readonly<Record<string, ScenarioInput>> = {
  default: { name: 'default', description: 'BTC, ETH, SOL on two CEXs, one DEX, lending and perps' },
  'exchange-hack': {
    name: 'exchange-hack',
    description: 'day 2: coinbase hot wallet drained; hack headlines, fear, outflows',
    shocks: [
      { kind: 'hack', day: 2, venue: 'coinbase', lossUsd: 400_000_000 },
      { kind: 'regime', day: 2, regime: 'volatile_bear' },
    ],
  },
  'rate-hike-shock': {
    name: 'rate-hike-shock',
    description: 'day 3: surprise 75 bp policy hike',
    shocks: [{ kind: 'rate', day: 3, bps: 75 }],
  },
  'stablecoin-depeg': {
    name: 'stablecoin-depeg',
    description: 'day 2: the quote stablecoin loses its peg; lenders run, mood collapses',
    shocks: [{ kind: 'depeg', day: 2, depth: 0.08 }],
  },
  'liquidation-cascade': {
    name: 'liquidation-cascade',
    description: 'leverage builds for two days, then a crash regime triggers cascading liquidations',
    shocks: [
      { kind: 'leverage', day: 0.5, factor: 3 },
      { kind: 'regime', day: 2, regime: 'crash' },
      { kind: 'news', day: 2, category: 'regulatory', sign: -1, size: 0.8 },
    ],
  },
};

/**
 * Loads a scenario by built-in name or from a YAML/JSON file.
 * @throws {ScenarioError} on an unknown name or invalid content; {@link InputFileError} when unreadable.
 */
export function loadScenario(nameOrFile: string): Scenario {
  const builtin = BUILTIN_SCENARIOS[nameOrFile];
  if (builtin) return parseScenario(builtin);
  if (!/\.(ya?ml|json)$/i.test(nameOrFile)) {
    throw new ScenarioError(
      'scenario',
      `unknown scenario "${nameOrFile}" (built-in: ${Object.keys(BUILTIN_SCENARIOS).join(', ')}; or a .yaml/.json file)`,
    );
  }
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (err) {
    throw new InputFileError(nameOrFile, 'cannot read scenario file', { cause: err });
  }
  let raw: unknown;
  try {
    raw = nameOrFile.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputFileError(nameOrFile, 'not valid YAML/JSON', { cause: err });
  }
  return parseScenario(raw);
}
