import type { InputSeries } from './engine.js';
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
  /**
   * Time range (event times, UTC ms) where all required inputs, and at least `minInputs` inputs, overlap, when
   * computable.
   */
  from?: number;
  to?: number;
}

function hasFinite(series: InputSeries | undefined): boolean {
  if (!series) return false;
  for (let i = 0; i < series.values.length; i++) if (Number.isFinite(series.values[i])) return true;
  return false;
}

/**
 * Reports, for the data in the store, which factors are computable for a symbol and from which series. An
 * input counts as present when the store has its series and the series holds at least one finite value of
 * the field (a dataset without that column, e.g. put/call volumes in a DVOL-only options summary, does not).
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
    const froms: number[] = [];
    const tos: number[] = [];
    for (const input of spec.inputs) {
      const loc = await provider.locate(input, { symbol, venue: opts.venue, stepMs });
      // a located series must also hold a finite value of this field (a dataset may lack the column)
      const usable =
        loc !== undefined &&
        hasFinite(
          await provider.load(input, { symbol, venue: opts.venue, stepMs, from: loc.from, to: loc.to }),
        );
      if (loc && usable) {
        where[input.name] = loc;
        froms.push(loc.from);
        tos.push(loc.to);
        if (!input.optional) {
          from = Math.max(from, loc.from);
          to = Math.min(to, loc.to);
        }
      } else {
        missing.push(input.name);
        if (!input.optional) requiredOk = false;
      }
    }
    const present = froms.length;
    const need = spec.minInputs ?? spec.inputs.filter((i) => !i.optional).length;
    if (need > 0 && present >= need) {
      // at least `need` inputs overlap from the need-th earliest start to the need-th latest end
      froms.sort((a, b) => a - b);
      tos.sort((a, b) => b - a);
      from = Math.max(from, froms[need - 1]);
      to = Math.min(to, tos[need - 1]);
    } else if (!Number.isFinite(from) && present > 0) {
      // no input needed: the range is where any present input has data
      from = Math.min(...froms);
      to = Math.max(...tos);
    }
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
