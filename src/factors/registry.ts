import { FactorDefinitionError, UnknownFactorError } from '../errors/factors.js';
import { crossMarketFactors } from './cross_market/index.js';
import { defiFactors } from './defi/index.js';
import { derivativesFactors } from './derivatives/index.js';
import { infrastructureFactors } from './infrastructure/index.js';
import { macroFactors } from './macro/index.js';
import { onchainFactors } from './onchain/index.js';
import { priceVolumeFactors } from './price_volume/index.js';
import { regulatoryFactors } from './regulatory/index.js';
import { sentimentFactors } from './sentiment/index.js';
import { FACTOR_CATEGORIES, type FactorCategory, type FactorSpec } from './spec.js';
import { validateFactorSpec } from './validate.js';

/** Factor arrays by category, in catalogue order. */
export const factorsByCategory: Readonly<Record<FactorCategory, readonly FactorSpec[]>> = {
  price_volume: priceVolumeFactors,
  onchain: onchainFactors,
  defi: defiFactors,
  sentiment: sentimentFactors,
  macro: macroFactors,
  regulatory: regulatoryFactors,
  infrastructure: infrastructureFactors,
  cross_market: crossMarketFactors,
  derivatives: derivativesFactors,
};

/** Every registered factor of the catalogue (the seed's 80), in category order. */
export const allFactors: readonly FactorSpec[] = FACTOR_CATEGORIES.flatMap(({ category }) => {
  for (const spec of factorsByCategory[category]) {
    if (spec.category !== category) {
      throw new FactorDefinitionError(spec.id, `listed under "${category}" but declares "${spec.category}"`);
    }
  }
  return [...factorsByCategory[category]];
});

const byId = new Map<string, FactorSpec>();
for (const spec of allFactors) {
  if (byId.has(spec.id)) throw new FactorDefinitionError(spec.id, 'duplicate factor id');
  validateFactorSpec(spec);
  byId.set(spec.id, spec);
}

/**
 * The registered factor with this id.
 *
 * @throws {UnknownFactorError} when no factor has this id.
 */
export function getFactor(id: string): FactorSpec {
  const spec = byId.get(id);
  if (!spec) throw new UnknownFactorError(id, [...byId.keys()]);
  return spec;
}

/** Number of registered factors per category, with the seed's expected counts. */
export function factorCounts(): Array<{
  category: FactorCategory;
  title: string;
  count: number;
  expected: number;
}> {
  return FACTOR_CATEGORIES.map(({ category, title, expected }) => ({
    category,
    title,
    count: factorsByCategory[category].length,
    expected,
  }));
}
