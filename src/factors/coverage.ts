import type { FactorSpec } from './spec.js';
import type { InputLocation, StoreProvider } from './storeProvider.js';
import { DAY_MS, HOUR_MS } from './spec.js';

/** Coverage of one factor for one symbol: is it computable from the store, and from where. */
export interface FactorCoverage {
  id: string;
  category: string;
  symbol: string;
  /** True when every required input (and `minInputs` inputs overall) is in the store. */
  computable: boolean;
  /** Input name -> where it is stored (absent inputs are listed in `missing`). */
  where: Record<string, InputLocation>;
  /** Inputs not found in the store (optional ones included). */
  missing: string[];
  /** Time range where all required inputs overlap (UTC ms), when computable. */
  from?: number;
  to?: number;
}

/**
 * Reports, for the data in the store, which factors are computable for a symbol and from which series.
 *
 * @param barMs grid step used to resolve bar inputs (`'grid'` factors) — 1 h by default.
 */
export async function factorCoverage(
  specs: readonly FactorSpec[],
  provider: StoreProvider,
  symbol: string,
  opts: { venue?: string; barMs?: number } = {},
): Promise<FactorCoverage[]> {
  const out: FactorCoverage[] = [];
  for (const spec of specs) {
    const stepMs =
      spec.frequency === 'grid' ? (opts.barMs ?? HOUR_MS) : spec.frequency === '1h' ? HOUR_MS : DAY_MS;
    const where: Record<string, InputLocation> = {};
    const missing: string[] = [];
    let from = Number.NEGATIVE_INFINITY;
    let to = Number.POSITIVE_INFINITY;
    let requiredOk = true;
    for (const input of spec.inputs) {
      const loc = await provider.locate(input, { symbol, venue: opts.venue, stepMs });
      if (loc) {
        where[input.name] = loc;
        if (!input.optional) {
          from = Math.max(from, loc.from);
          to = Math.min(to, loc.to);
        }
      } else {
        missing.push(input.name);
        if (!input.optional) requiredOk = false;
      }
    }
    if (!Number.isFinite(from)) {
      // no required input: the range is where any present input has data
      const locs = Object.values(where);
      if (locs.length) {
        from = Math.min(...locs.map((l) => l.from));
        to = Math.max(...locs.map((l) => l.to));
      }
    }
    const present = Object.keys(where).length;
    const need = spec.minInputs ?? spec.inputs.filter((i) => !i.optional).length;
    const computable = requiredOk && present >= need && (from <= to || !Number.isFinite(from));
    out.push({
      id: spec.id,
      category: spec.category,
      symbol,
      computable,
      where,
      missing,
      ...(computable && Number.isFinite(from) ? { from, to } : {}),
    });
  }
  return out;
}
