import { describe, expect, it } from 'vitest';
import { Rng } from '../../math/rng.js';
import { policyUncertainty } from '../regulatory/policy_uncertainty.js';
import { evaluateFactor } from '../evaluate.js';
import { DAY_MS, gridParams } from '../spec.js';
import { epuIndex } from './epu.js';
import { LexiconSentimentScorer } from './lexiconScorer.js';
import { TEXT_FIELD_NAMES, textEventFields } from './textFields.js';
import type { TextScore, TextScorer } from './types.js';

describe('EPU index (Baker-Bloom-Davis method)', () => {
  it('is 100 on a constant share and doubles when the share doubles', () => {
    const n = 60;
    const epu = new Float64Array(n).fill(1);
    const tot = new Float64Array(n).fill(10);
    const { share, index } = epuIndex(epu, tot, 5, 20);
    expect(share[3]).toBeNaN();
    expect(share[10]).toBeCloseTo(0.1, 12);
    expect(index[18]).toBeNaN();
    expect(index[30]).toBeCloseTo(100, 10);
    for (let i = 50; i < n; i++) epu[i] = 2;
    const after = epuIndex(epu, tot, 5, 20);
    // Share 0.2 from bar 54; base mean over bars 40..59 = (14 * 0.1 + ... ) -> index well above 100.
    expect(after.share[59]).toBeCloseTo(0.2, 12);
    expect(after.index[59]).toBeGreaterThan(140);
    expect(() => epuIndex(epu, tot, 0, 5)).toThrow(/window and base/);
  });

  it('equals the policy_uncertainty factor expression', () => {
    const rng = new Rng(3);
    const n = 600;
    const tot = Float64Array.from({ length: n }, () => 5 + rng.int(20));
    const epu = Float64Array.from(tot, (t) => rng.int(Math.max(1, Math.floor(t / 4))));
    const k = epuIndex(epu, tot, 30, 365);
    const out = evaluateFactor(policyUncertainty, {
      ts: Float64Array.from({ length: n }, (_, i) => i * DAY_MS),
      n,
      params: gridParams(DAY_MS),
      columns: { epu, news: tot },
    });
    let checked = 0;
    for (let i = 0; i < n; i++) {
      // The DSL's rolling windows tolerate up to 10% missing rows; the kernel is strict, so compare where
      // the kernel has a value.
      if (Number.isNaN(k.index[i])) continue;
      checked++;
      expect(out.value[i]).toBeCloseTo(k.index[i], 8);
      expect(out.share[i]).toBeCloseTo(k.share[i], 12);
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('TextScorer plug-in', () => {
  it('a different scorer (e.g. a trained classifier) feeds the same fields', () => {
    class Fixed implements TextScorer {
      readonly id = 'fixed-test';
      score(): TextScore {
        return { sentiment: 0.5, labels: ['etf', 'institutional'], policyUncertainty: true };
      }
    }
    const f = textEventFields({ text: 'anything' }, new Fixed());
    const get = (name: string) => f[TEXT_FIELD_NAMES.indexOf(name)];
    expect(get('sentiment')).toBe(0.5);
    expect(get('label_etf')).toBe(1);
    expect(get('sentiment_institutional')).toBe(0.5);
    expect(get('label_hack')).toBe(0);
    expect(get('epu')).toBe(1);
    const lex = textEventFields({ text: 'anything' }, new LexiconSentimentScorer());
    expect(lex[TEXT_FIELD_NAMES.indexOf('label_etf')]).toBe(0);
  });
});
