/**
 * Keyword/regex event classifier for crypto news and posts, and the Baker-Bloom-Davis EPU criterion.
 *
 * Each label has a case-insensitive pattern matched on word boundaries; a text may carry several labels.
 * The patterns are deliberately explicit (a reviewer can read why a headline was counted) and are the
 * baseline a trained classifier must beat through the same {@link TextScorer} interface.
 *
 * Reference: keyword event classification as in Auer & Claessens (2018), "Regulating cryptocurrencies:
 * assessing market reactions", BIS Quarterly Review (regulatory news classes); Baker, Bloom & Davis (2016),
 * "Measuring Economic Policy Uncertainty", QJE 131(4) (E, P, U term sets).
 */
import { TEXT_LABELS, type TextLabel } from './types.js';

function words(...alts: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/** Pattern of each label. */
export const LABEL_PATTERNS: Readonly<Record<TextLabel, RegExp>> = {
  regulatory: words(
    'sec',
    'cftc',
    'regulators?',
    'regulat(?:ion|ions|ory|e|ed|es|ing)',
    'mica',
    'finma',
    'fca',
    'esma',
    'gensler',
    'watchdog',
    'enforcement',
    'legislat(?:ion|ive|ors?)',
    'lawmakers?',
    'congress(?:ional)?',
    'senate',
    'bill',
    'crackdown',
    'ban(?:s|ned)?',
    'licen[cs](?:e|es|ing|ed)',
    'policy',
    'policymakers?',
    'treasury department',
    'ofac',
    'sanctions?',
  ),
  etf: words('etfs?', 'etps?', 'exchange[- ]traded funds?', 'spot fund', 'ibit', 'gbtc', 'fbtc'),
  hack: words(
    'hack(?:s|ed|er|ers)?',
    'exploit(?:s|ed)?',
    'drain(?:s|ed)?',
    'stolen',
    'theft',
    'breach(?:es|ed)?',
    'attack(?:s|ed|er)?',
    'rug ?pull(?:s|ed)?',
    'phishing',
    'vulnerabilit(?:y|ies)',
    '51% attack',
    'reentrancy',
  ),
  upgrade: words(
    'upgrades?',
    'hard ?fork',
    'soft ?fork',
    'forks?',
    'mainnet',
    'testnet',
    'taproot',
    'segwit',
    'the merge',
    'shanghai',
    'dencun',
    'pectra',
    'eip-?\\d+',
    'bip-?\\d+',
    'halving',
    'protocol update',
  ),
  macro: words(
    'fed',
    'federal reserve',
    'fomc',
    'interest rates?',
    'rate (?:hike|hikes|cut|cuts)',
    'inflation',
    'cpi',
    'recession',
    'gdp',
    'jobs report',
    'payrolls',
    'treasury yields?',
    'bond yields?',
    'dollar index',
    'dxy',
    'powell',
    'monetary policy',
  ),
  cbdc: words(
    'cbdcs?',
    'central bank digital currenc(?:y|ies)',
    'digital (?:euro|yuan|pound|dollar|rupee)',
    'e-cny',
  ),
  institutional: words(
    'institutional(?:s)?',
    'institutions?',
    'blackrock',
    'fidelity',
    'grayscale',
    'vaneck',
    'ark invest',
    'hedge funds?',
    'asset managers?',
    'pension funds?',
    'endowments?',
    'family offices?',
    'wall street',
    'custody',
    'custodian',
  ),
  adoption: words(
    'adoption',
    'adopts?',
    'adopted',
    'accepts? (?:bitcoin|crypto|btc|eth)',
    'legal tender',
    'payments? (?:in|with) (?:bitcoin|crypto)',
    'merchants?',
    'users? (?:grow|growth|surge)',
    'mass adoption',
    'integrat(?:es|ed|ion)',
  ),
  banking: words(
    'banks?',
    'banking',
    'jpmorgan',
    'goldman',
    'citi(?:group)?',
    'hsbc',
    'bny mellon',
    'state street',
    'silvergate',
    'signature bank',
    'custody',
    'stablecoin issuer',
  ),
  legal: words(
    'court',
    'judge',
    'ruling',
    'lawsuits?',
    'su(?:e|es|ed|ing)',
    'settlement',
    'indict(?:ed|ment)',
    'verdict',
    'appeal',
    'legal framework',
    'law',
    'laws',
    'legislation',
    'bill passes',
    'signed into law',
    'framework',
  ),
  compliance: words(
    'compliance',
    'kyc',
    'aml',
    'anti-money laundering',
    'travel rule',
    'reporting requirements?',
    'audit(?:s|ed|or)?',
    'proof of reserves',
    'licensing',
    'registration',
    'disclosures?',
    'fines?',
    'fined',
    'penalt(?:y|ies)',
  ),
  treasury: words(
    'treasury (?:reserve|allocation|strategy)',
    'corporate treasury',
    'balance sheet',
    'microstrategy',
    'strategy inc',
    'tesla',
    'metaplanet',
    'bought \\d[\\d,.]* (?:bitcoin|btc)',
    'buys? \\d[\\d,.]* (?:bitcoin|btc)',
    'adds? \\d[\\d,.]* (?:bitcoin|btc)',
    'acquir(?:es|ed) \\d[\\d,.]* (?:bitcoin|btc)',
    'holdings',
  ),
  infra_investment: words(
    'raises?',
    'raised',
    'funding round',
    'series [abcd]',
    'seed round',
    'venture',
    'vc',
    'invests?',
    'investment in',
    'backed by',
    'data cent(?:er|re)s?',
    'mining (?:facility|farm|expansion)',
    'infrastructure',
  ),
  governance: words(
    'governance',
    'proposals?',
    'dao',
    'vot(?:e|es|ed|ing)',
    'snapshot',
    'quorum',
    'delegates?',
    'on-chain vote',
  ),
  geopolitical: words(
    'war',
    'invasion',
    'sanctions?',
    'conflict',
    'missiles?',
    'military',
    'geopolitic(?:s|al)',
    'tensions?',
    'terror(?:ism|ist)?',
    'tariffs?',
    'trade war',
  ),
  meme: words(
    'memes?',
    'memecoins?',
    'meme coins?',
    'doge(?:coin)?',
    'shib(?:a)?',
    'pepe',
    'bonk',
    'wif',
    'floki',
    'pump\\.fun',
  ),
};

/** Labels of a text, in {@link TEXT_LABELS} order. */
export function classifyText(text: string): TextLabel[] {
  const out: TextLabel[] = [];
  for (const label of TEXT_LABELS) if (LABEL_PATTERNS[label].test(text)) out.push(label);
  return out;
}

/**
 * EPU term sets (Baker, Bloom & Davis 2016, section II.A: E = {economic, economy}; P = {congress, deficit,
 * Federal Reserve, legislation, regulation, White House}; U = {uncertain, uncertainty}), with crypto policy
 * bodies added to P (SEC, CFTC, regulators, central bank, MiCA) as the crypto-policy analogue.
 */
export const EPU_TERMS = {
  economy: words(
    'econom(?:y|ic|ics|ies)',
    'market',
    'markets',
    'financial',
    'crypto(?:currency|currencies)?',
  ),
  policy: words(
    'congress',
    'deficit',
    'federal reserve',
    'fed',
    'legislation',
    'regulat(?:ion|ions|ory|or|ors)',
    'white house',
    'sec',
    'cftc',
    'central banks?',
    'mica',
    'lawmakers?',
    'policy',
    'tariffs?',
  ),
  uncertainty: words('uncertain(?:ty|ties)?', 'unclear', 'unpredictab(?:le|ility)', 'ambigu(?:ous|ity)'),
};

/** True when a text contains an economy term, a policy term and an uncertainty term (the EPU criterion). */
export function isPolicyUncertain(text: string): boolean {
  return EPU_TERMS.economy.test(text) && EPU_TERMS.policy.test(text) && EPU_TERMS.uncertainty.test(text);
}

/**
 * Narrative topics whose mention counts form the keyword distribution used by the narrative-shift factor
 * (Jensen-Shannon divergence between consecutive windows).
 */
export const NARRATIVE_TOPICS: Readonly<Record<string, RegExp>> = {
  bitcoin: words('bitcoin', 'btc'),
  ethereum: words('ethereum', 'ether', 'eth'),
  defi: words('defi', 'decentralized finance', 'yield', 'lending', 'dex'),
  nft: words('nfts?', 'non-fungible'),
  layer2: words('layer[- ]?2', 'l2s?', 'rollups?', 'arbitrum', 'optimism', 'base chain', 'zk'),
  stablecoin: words('stablecoins?', 'usdt', 'usdc', 'tether', 'dai'),
  ai: words('ai', 'artificial intelligence', 'agents?', 'gpu'),
  meme: LABEL_PATTERNS.meme,
  etf: LABEL_PATTERNS.etf,
  regulation: LABEL_PATTERNS.regulatory,
  rwa: words('rwa', 'real[- ]world assets?', 'tokeniz(?:ed|ation)'),
  gaming: words('gaming', 'gamefi', 'metaverse', 'play-to-earn'),
  solana: words('solana', 'sol'),
  macro: LABEL_PATTERNS.macro,
};

/** Names of {@link NARRATIVE_TOPICS} in a fixed order. */
export const NARRATIVE_TOPIC_NAMES: readonly string[] = Object.keys(NARRATIVE_TOPICS);

/** 0/1 mention indicator per narrative topic, in {@link NARRATIVE_TOPIC_NAMES} order. */
export function narrativeMentions(text: string): Float64Array {
  const out = new Float64Array(NARRATIVE_TOPIC_NAMES.length);
  NARRATIVE_TOPIC_NAMES.forEach((name, i) => {
    out[i] = NARRATIVE_TOPICS[name].test(text) ? 1 : 0;
  });
  return out;
}
