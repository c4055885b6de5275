/**
 * The domain chain: a module may import only from its own domain or from domains of a lower rank.
 * Data flows one way, left to right. `errors` sits at the far left so every domain can throw typed errors.
 * Benchmarks (`*.bench.ts`) may also import the benchmark runner's types from `bench/runner.ts`.
 */
export const DOMAIN_RANK: Readonly<Record<string, number>> = {
  errors: 0,
  math: 1,
  data: 2,
  factors: 3,
  execution: 4,
  sim: 5,
  env: 6,
  nn: 7,
  worldmodel: 8,
  backtest: 8,
  agents: 9,
  evolve: 9,
  learn: 9,
  risk: 9,
  explain: 10,
  pipeline: 11,
  report: 12,
  cli: 13,
  server: 13,
};
