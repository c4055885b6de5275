/** News and social categories the world emits. */
export const NEWS_CATEGORIES = [
  'regulatory',
  'etf_flows',
  'hack_exploit',
  'protocol_upgrade',
  'macro_surprise',
  'cbdc',
  'institutional_adoption',
  'influencer_post',
] as const;
/** A news category. */
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

/** Per-category headline templates: `pos` for sign +1, `neg` for sign -1. Slots: {asset} {amt} {who} {where}. */
export const NEWS_TEMPLATES: Readonly<Record<NewsCategory, { pos: string[]; neg: string[] }>> = {
  regulatory: {
    pos: [
      '{where} regulator publishes clear licensing path for {asset} exchanges',
      'Court rules {asset} is not a security in landmark {where} case',
      '{where} lawmakers pass stablecoin bill with broad industry support',
      'Regulators in {where} approve custody rules, easing path for banks to hold {asset}',
    ],
    neg: [
      '{where} regulator sues major exchange over unregistered {asset} offerings',
      '{where} moves to ban {asset} mining, citing energy use',
      'Crackdown: {where} authorities freeze exchange accounts tied to {asset} trading',
      'New {where} tax rules hit {asset} traders with reporting burden',
    ],
  },
  etf_flows: {
    pos: [
      'Spot {asset} ETFs log {amt} of net inflows in a single day',
      '{who} {asset} fund sees record {amt} inflow',
      'ETF demand surges: {asset} products absorb {amt} this week',
    ],
    neg: [
      'Spot {asset} ETFs bleed {amt} as investors pull back',
      '{who} {asset} ETF posts {amt} outflow, largest since launch',
      'Outflows continue: {asset} funds shed {amt}',
    ],
  },
  hack_exploit: {
    pos: [
      'Hacker returns {amt} stolen from {who} bridge after negotiation',
      '{who} recovers {amt} of exploited {asset} funds',
    ],
    neg: [
      '{who} exchange hacked, {amt} in {asset} drained from hot wallet',
      'DeFi protocol {who} exploited for {amt} via flash-loan attack',
      'Bridge exploit: attacker mints {amt} of wrapped {asset}',
      'Security firm flags {amt} drained from {who} after private key leak',
    ],
  },
  protocol_upgrade: {
    pos: [
      '{asset} network completes upgrade, fees drop sharply',
      'Developers schedule {asset} hard fork with scaling improvements',
      '{asset} testnet upgrade goes live without issues',
    ],
    neg: [
      '{asset} upgrade delayed after critical bug found in testnet',
      'Contentious {asset} fork splits community, miners divided',
      '{asset} network halts block production for hours after upgrade',
    ],
  },
  macro_surprise: {
    pos: [
      'CPI cools more than expected; traders price in rate cuts',
      'Central bank surprises with a cut, risk assets rally',
      'Dollar slides after soft jobs data, {asset} climbs',
    ],
    neg: [
      'Hot CPI print stuns markets, yields jump',
      'Central bank hikes more than expected, risk assets slide',
      'Dollar surges on hawkish guidance, {asset} under pressure',
    ],
  },
  cbdc: {
    pos: [
      '{where} shelves retail CBDC plan, citing privacy concerns',
      '{where} central bank says CBDC will interoperate with public chains',
    ],
    neg: [
      '{where} fast-tracks CBDC and restricts private stablecoins',
      '{where} CBDC pilot paired with limits on {asset} payments',
    ],
  },
  institutional_adoption: {
    pos: [
      '{who} adds {amt} of {asset} to its balance sheet',
      '{who} launches {asset} trading for wealth clients',
      'Pension fund {who} allocates {amt} to {asset}',
    ],
    neg: [
      '{who} sells its {asset} holdings worth {amt}',
      '{who} pauses {asset} services amid market turmoil',
    ],
  },
  influencer_post: {
    pos: [
      'just bought more {asset}. not financial advice 🚀',
      '{asset} chart looks incredibly bullish here, send it',
      'wagmi. {asset} to new highs this month',
      'accumulating {asset} while everyone panics',
    ],
    neg: [
      'sold all my {asset}. this is going much lower',
      '{asset} looks dead, bear market confirmed',
      'get out of {asset} before the next leg down',
      'rug vibes everywhere, staying in cash',
    ],
  },
};

/** Fillers for template slots. */
export const NEWS_SLOTS = {
  who: [
    'Atlas Capital',
    'Northwind',
    'Meridian Bank',
    'Kestrel Labs',
    'Orion Fund',
    'Blue Harbor',
    'Vantage',
  ],
  where: ['US', 'EU', 'UK', 'Japan', 'Singapore', 'Hong Kong', 'Brazil', 'India', 'Korea'],
} as const;
