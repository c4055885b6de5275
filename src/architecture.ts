/**
 * The domain chain: a module may import only from its own domain or from domains of a lower rank.
 * Data flows one way, left to right.
 */
export const DOMAIN_RANK: Readonly<Record<string, number>> = {
  errors: 0,
  math: 0,
  data: 1,
  factors: 2,
  execution: 3,
  sim: 4,
  env: 5,
  nn: 6,
  worldmodel: 7,
  backtest: 7,
  agents: 8,
  evolve: 8,
  learn: 8,
  risk: 8,
  explain: 9,
  pipeline: 10,
  report: 11,
  cli: 12,
  server: 12,
};
