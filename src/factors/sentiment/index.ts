import type { FactorSpec } from '../spec.js';
import { communityGrowth } from './community_growth.js';
import { devActivity } from './dev_activity.js';
import { fearGreed } from './fear_greed.js';
import { influencerSentiment } from './influencer_sentiment.js';
import { narrativeShift } from './narrative_shift.js';
import { newsImpact } from './news_impact.js';
import { putCall } from './put_call.js';
import { regulatoryNews } from './regulatory_news.js';
import { searchTrends } from './search_trends.js';
import { socialSentiment } from './social_sentiment.js';

/** The sentiment factors of the catalogue (one file per factor in this folder). */
export const sentimentFactors: FactorSpec[] = [
  socialSentiment,
  searchTrends,
  newsImpact,
  fearGreed,
  devActivity,
  communityGrowth,
  influencerSentiment,
  regulatoryNews,
  narrativeShift,
  putCall,
];
