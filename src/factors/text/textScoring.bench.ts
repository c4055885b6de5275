import type { Benchmark } from '../../../bench/runner.js';
import { Rng } from '../../math/rng.js';
import { LexiconSentimentScorer } from './lexiconScorer.js';
import { TEXT_FIELD_NAMES, textEventFields } from './textFields.js';

const SUBJECTS = [
  'Bitcoin',
  'Ethereum',
  'The SEC',
  'BlackRock',
  'A DeFi protocol',
  'Solana',
  'The Fed',
  'Binance',
];
const VERBS = [
  'surges after ETF approval',
  'was hacked and drained of $40M',
  'faces regulatory uncertainty over new rules',
  'is not bullish despite the rally',
  'announces mainnet upgrade',
  'buys 5,000 bitcoin for its corporate treasury',
  'holds interest rates as inflation cools',
  'sees memecoins pump while traders get rekt',
];

/** Lexicon scorer throughput: texts scored per second (VADER + crypto lexicon + classifier + fields). */
export const benchmark: Benchmark = {
  name: 'text-scoring',
  description:
    'Scores generated crypto headlines with the lexicon TextScorer and computes the text factor fields',
  async run({ args, log }) {
    const n = Number(args.n ?? 20_000);
    const rng = new Rng(42);
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      texts.push(
        `${SUBJECTS[rng.int(SUBJECTS.length)]} ${VERBS[rng.int(VERBS.length)]}, analysts say (${i}).`,
      );
    }
    const scorer = new LexiconSentimentScorer();
    const out = new Float64Array(TEXT_FIELD_NAMES.length);
    for (let i = 0; i < 200; i++) textEventFields({ text: texts[i] }, scorer, out);
    log(`scoring ${n} texts`);
    const t0 = performance.now();
    let acc = 0;
    for (const text of texts) {
      textEventFields({ text }, scorer, out);
      acc += out[1];
    }
    const seconds = (performance.now() - t0) / 1000;
    return { texts: n, seconds, textsPerSec: n / seconds, meanSentiment: acc / n };
  },
};
