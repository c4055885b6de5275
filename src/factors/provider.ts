import type { InputSeries } from './engine.js';
import type { FactorInput } from './spec.js';

/** What a provider is asked for: the input, the symbol the factor is computed for, and the native grid. */
export interface InputRequest {
  /** Unified symbol the factor is computed for (`BTC/USDT`); inputs with their own `symbol` override it. */
  readonly symbol: string;
  /** Primary venue of the run (`binance`); inputs with their own `venue` override it. */
  readonly venue?: string;
  /** Native grid step of the factor, ms (bars are wanted at this interval). */
  readonly stepMs: number;
  /** First and last time of interest, UTC ms (warm-up included). Providers may return more. */
  readonly from: number;
  readonly to: number;
}

/**
 * Source of raw input rows for the engine: the store, memory, a simulator. Returns `undefined` when it has no
 * such series (the factor's input is then unavailable: NaN, and `coverage` reports it).
 */
export interface InputProvider {
  load(input: FactorInput, req: InputRequest): Promise<InputSeries | undefined>;
}

/** Key of an input's data for a request (the symbol/venue it resolves to and its kind/field/source). */
export function inputDataKey(
  input: FactorInput,
  req: Pick<InputRequest, 'symbol' | 'venue' | 'stepMs'>,
): string {
  return [
    input.kind,
    input.field,
    input.symbol ?? req.symbol,
    // a relative venue (`other:k`, the k-th venue besides the primary one) depends on the primary venue too
    input.venue?.startsWith('other:')
      ? `${input.venue}@${req.venue ?? ''}`
      : (input.venue ?? req.venue ?? ''),
    input.source ?? '',
    input.kind === 'bars' ? req.stepMs : '',
  ].join('|');
}

/**
 * In-memory provider: a map from `inputDataKey` to series, optionally filled lazily by a generator
 * (benchmarks and tests generate synthetic data per key).
 */
export class MemoryProvider implements InputProvider {
  constructor(
    private readonly data: Map<string, InputSeries | undefined> = new Map(),
    private readonly generate?: (input: FactorInput, req: InputRequest) => InputSeries | undefined,
  ) {}

  /** Stores a series under the key of `input` for `req`. */
  set(
    input: FactorInput,
    req: Pick<InputRequest, 'symbol' | 'venue' | 'stepMs'>,
    series: InputSeries | undefined,
  ): void {
    this.data.set(inputDataKey(input, req), series);
  }

  async load(input: FactorInput, req: InputRequest): Promise<InputSeries | undefined> {
    return this.loadSync(input, req);
  }

  /** Synchronous `load`. */
  loadSync(input: FactorInput, req: InputRequest): InputSeries | undefined {
    const key = inputDataKey(input, req);
    if (this.data.has(key)) return this.data.get(key);
    if (!this.generate) return undefined;
    const s = this.generate(input, req);
    this.data.set(key, s);
    return s;
  }
}
