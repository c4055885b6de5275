import { NARRATIVE_TOPIC_NAMES } from '../text/eventClassifier.js';
import { sumInput } from '../onchain/inputs.js';
import type { FactorComputeInputs, FactorSpec } from '../spec.js';
import { burstinessFromCounts, jensenShannon } from './kernels.js';

/** Window of each keyword distribution, days. */
const W = 7;
/** Window of the meme burstiness, days. */
const B = 30;

function compute(inp: FactorComputeInputs): Record<string, Float64Array> {
  const { n, columns } = inp;
  const k = NARRATIVE_TOPIC_NAMES.length;
  const cols = NARRATIVE_TOPIC_NAMES.map((t) => columns[`topic_${t}`]);
  const meme = columns.topic_meme;
  const p = new Float64Array(k);
  const q = new Float64Array(k);
  const js = new Float64Array(n);
  const burst = new Float64Array(n);
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Topic distributions of (i-W, i] and (i-2W, i-W].
    let ok = i >= 2 * W - 1;
    if (ok) {
      p.fill(0);
      q.fill(0);
      for (let j = 0; j < k && ok; j++) {
        for (let d = 0; d < W; d++) {
          const a = cols[j][i - d];
          const b = cols[j][i - W - d];
          if (Number.isNaN(a) || Number.isNaN(b)) {
            ok = false;
            break;
          }
          p[j] += a;
          q[j] += b;
        }
      }
    }
    js[i] = ok ? jensenShannon(p, q) : Number.NaN;
    let tot = 0;
    for (let j = 0; j < k; j++) tot += ok ? p[j] : 0;
    share[i] = ok && tot > 0 ? p[NARRATIVE_TOPIC_NAMES.indexOf('meme')] / tot : Number.NaN;
    // Goh-Barabasi burstiness of meme mentions over the last B days (event times in days; several
    // mentions on one day are simultaneous).
    if (i < B - 1) {
      burst[i] = Number.NaN;
      continue;
    }
    burst[i] = burstinessFromCounts(meme, i - B + 1, i);
  }
  return { value: js, meme_share_7d: share, meme_burstiness: burst };
}

/** Market narrative shifts and meme propagation. */
export const narrativeShift: FactorSpec = {
  id: 'narrative_shift',
  category: 'sentiment',
  name: 'Market narrative shifts and meme propagation',
  definition:
    `Narrative shift = Jensen-Shannon divergence (base 2, in [0, 1]) between the topic distributions of news ` +
    `mentions in the last ${W} days and the ${W} days before, over the topics ${NARRATIVE_TOPIC_NAMES.join(', ')} ` +
    `(keyword/regex topic mentions); meme share of topic mentions over ${W} days; meme burstiness ` +
    `B = (sigma - mu) / (sigma + mu) of the inter-arrival times (days) of meme mentions in the last ${B} days ` +
    '(-1 periodic, 0 Poisson, -> 1 bursty).',
  reference:
    'Lin (1991), IEEE Trans. Inf. Theory (JS divergence); Goh & Barabasi (2008), EPL 81 (burstiness); Shiller (2017), "Narrative Economics", AER.',
  inputs: NARRATIVE_TOPIC_NAMES.map((t) => sumInput(`topic_${t}`, 'text', `topic_${t}`, { source: 'news' })),
  frequency: '1d',
  unit: 'divergence',
  outputs: [
    { name: 'value', unit: 'divergence', description: 'JS divergence of 7-day topic distributions' },
    { name: 'meme_share_7d', unit: 'ratio', description: 'meme share of topic mentions, 7 days' },
    {
      name: 'meme_burstiness',
      unit: 'index',
      description: 'Goh-Barabasi burstiness of meme mentions, 30 days',
    },
  ],
  compute,
  lookback: Math.max(2 * W, B) - 1,
};
