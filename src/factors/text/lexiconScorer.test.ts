import { describe, expect, it } from 'vitest';
import { describeSharedData } from '../../data/describeSharedData.js';
import vader from 'vader-sentiment';
import { sharedDataPath } from '../../data/sharedData.js';
import { readCsvTable } from '../onchain/sharedCsv.js';
import { classifyText, isPolicyUncertain, narrativeMentions } from './eventClassifier.js';
import { LexiconSentimentScorer, vaderRawSum } from './lexiconScorer.js';
import { TEXT_FIELD_NAMES, audienceFromTags, textEventFields } from './textFields.js';

const scorer = new LexiconSentimentScorer();

describe('lexicon sentiment scorer', () => {
  it('equals VADER exactly when no crypto term occurs', () => {
    for (const s of ['The weather is great today!', 'This is a terrible, awful outcome.', 'A table.']) {
      expect(scorer.sentiment(s)).toBe(vader.SentimentIntensityAnalyzer.polarity_scores(s).compound);
    }
  });

  it('inverts the VADER normalization', () => {
    const s = 2.7;
    expect(vaderRawSum(s / Math.sqrt(s * s + 15))).toBeCloseTo(s, 10);
  });

  it('knows crypto slang that VADER misses', () => {
    for (const s of ['Got rekt on that trade', 'Another rug pull on a new token']) {
      expect(vader.SentimentIntensityAnalyzer.polarity_scores(s).compound).toBe(0);
      expect(scorer.sentiment(s)).toBeLessThan(-0.5);
    }
    const hacked = 'Exchange hacked, funds drained';
    expect(scorer.sentiment(hacked)).toBeLessThan(
      vader.SentimentIntensityAnalyzer.polarity_scores(hacked).compound,
    );
    for (const s of [
      'HODL, we are going to the moon',
      'SEC ETF approval expected',
      'Very bullish breakout',
    ]) {
      expect(scorer.sentiment(s)).toBeGreaterThan(0.5);
    }
  });

  it('applies negation to crypto terms', () => {
    expect(scorer.sentiment('Analysts are bullish on bitcoin')).toBeGreaterThan(0.3);
    expect(scorer.sentiment('Analysts are not bullish on bitcoin')).toBeLessThan(-0.2);
  });

  it('is bounded and deterministic', () => {
    const t = 'crash crash crash hack exploit rug pull scam fraud bankrupt collapse';
    const a = scorer.sentiment(t);
    expect(a).toBeGreaterThanOrEqual(-1);
    expect(a).toBeLessThan(-0.95);
    expect(scorer.sentiment(t)).toBe(a);
  });
});

describe('event classifier and EPU criterion', () => {
  it('labels typical headlines', () => {
    expect(classifyText('SEC approves spot bitcoin ETF applications from BlackRock and Fidelity')).toEqual(
      expect.arrayContaining(['regulatory', 'etf', 'institutional']),
    );
    expect(classifyText('DeFi protocol exploited, hackers drain $100M')).toContain('hack');
    expect(classifyText('Ethereum Dencun upgrade goes live on mainnet')).toContain('upgrade');
    expect(classifyText('Fed holds interest rates as inflation cools')).toContain('macro');
    expect(classifyText('ECB advances digital euro CBDC pilot')).toContain('cbdc');
    expect(classifyText('MicroStrategy buys 12,000 bitcoin for its corporate treasury')).toContain(
      'treasury',
    );
    expect(classifyText('JPMorgan bank opens crypto custody for clients')).toContain('banking');
    expect(classifyText('Court ruling in Ripple lawsuit')).toContain('legal');
    expect(classifyText('Exchange fined for AML and KYC failures')).toContain('compliance');
    expect(classifyText('Startup raises $40M Series B to build mining infrastructure')).toContain(
      'infra_investment',
    );
    expect(classifyText('Cat photo of the day')).toEqual([]);
  });

  it('applies the Baker-Bloom-Davis E, P, U rule', () => {
    expect(isPolicyUncertain('Regulation uncertainty weighs on the crypto market')).toBe(true);
    expect(isPolicyUncertain('Regulation weighs on the crypto market')).toBe(false);
    expect(isPolicyUncertain('Uncertainty weighs on the crypto market')).toBe(false);
  });

  it('narrative topic mentions and text fields', () => {
    const m = narrativeMentions('Memecoins and Solana lead while ETH rollups grow');
    expect(m.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    const f = textEventFields({ text: 'SEC crackdown: exchange hacked', tags: ['followers:999'] }, scorer);
    expect(f).toHaveLength(TEXT_FIELD_NAMES.length);
    const get = (name: string) => f[TEXT_FIELD_NAMES.indexOf(name)];
    expect(get('count')).toBe(1);
    expect(get('label_regulatory')).toBe(1);
    expect(get('label_hack')).toBe(1);
    expect(get('sentiment_hack')).toBe(get('sentiment'));
    expect(get('sentiment')).toBeLessThan(0);
    expect(get('reach')).toBeCloseTo(Math.log(1000), 12);
    expect(audienceFromTags(['x'])).toBeNaN();
  });
});

describeSharedData('scorer on real crypto news (TextBlob-labelled, Dec 2023)', () => {
  // The labels are TextBlob's (not human): agreement is a sanity check, not accuracy. Measured: sign agreement
  // on polarized items > 0.65, Pearson r 0.27 (plain VADER: 0.30; TextBlob knows no crypto slang either).
  it('agrees with the source polarity sign on most clearly polarized items', () => {
    const t = readCsvTable(sharedDataPath('sentiment', 'cryptonews_2023-12_textblob_sentiment.csv'));
    const texts = t.column('text');
    const sent = t.column('sentiment');
    let n = 0;
    let agree = 0;
    let corrNum = 0;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const m = /'polarity':\s*(-?[\d.e-]+)/.exec(sent[i]);
      if (!m) continue;
      const p = Number(m[1]);
      const s = scorer.sentiment(texts[i]);
      xs.push(s);
      ys.push(p);
      if (Math.abs(p) < 0.1 || Math.abs(s) < 0.05) continue;
      n++;
      if (Math.sign(p) === Math.sign(s)) agree++;
    }
    expect(xs.length).toBeGreaterThan(350);
    expect(n).toBeGreaterThan(100);
    expect(agree / n).toBeGreaterThan(0.65);
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < xs.length; i++) {
      corrNum += (xs[i] - mx) * (ys[i] - my);
      sxx += (xs[i] - mx) ** 2;
      syy += (ys[i] - my) ** 2;
    }
    expect(corrNum / Math.sqrt(sxx * syy)).toBeGreaterThan(0.2);
  });
});
