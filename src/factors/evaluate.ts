import { FactorDefinitionError, FactorInputError } from '../errors/factors.js';
import { createEvalEnv, type StreamContext, type StreamNode } from './expr.js';
import type { FactorComputeInputs, FactorSpec, FactorStream, GridParams } from './spec.js';
import { resolveExprs } from './validate.js';

/**
 * Batch evaluation of one factor over inputs already aligned on its grid.
 *
 * @param spec the factor
 * @param inputs aligned input columns (one per `spec.inputs` name, NaN where unavailable)
 * @param cache optional sub-expression cache shared between factors of the same asset and grid
 * @param inputKeys identity of the data behind each input name (needed when `cache` is shared)
 * @returns one column per output name, each of length `inputs.n`
 * @throws {FactorInputError} when an input column is missing or has the wrong length, or `compute`
 *   returns a wrong-sized or missing output.
 */
export function evaluateFactor(
  spec: FactorSpec,
  inputs: FactorComputeInputs,
  cache?: Map<string, Float64Array>,
  inputKeys?: Readonly<Record<string, string>>,
): Record<string, Float64Array> {
  for (const input of spec.inputs) {
    const col = inputs.columns[input.name];
    if (!col) throw new FactorInputError(spec.id, input.name, 'aligned column missing');
    if (col.length !== inputs.n) {
      throw new FactorInputError(spec.id, input.name, `has ${col.length} rows, grid has ${inputs.n}`);
    }
  }
  if (spec.expr) {
    const env = createEvalEnv(inputs.n, inputs.columns, inputs.params, cache, inputKeys);
    const exprs = resolveExprs(spec, inputs.params);
    const out: Record<string, Float64Array> = {};
    for (const o of spec.outputs) out[o.name] = exprs[o.name].evaluate(env);
    return out;
  }
  if (!spec.compute) throw new FactorDefinitionError(`factor "${spec.id}"`, 'has neither expr nor compute');
  const res = spec.compute(inputs);
  for (const o of spec.outputs) {
    const col = res[o.name];
    if (!(col instanceof Float64Array) || col.length !== inputs.n) {
      throw new FactorInputError(
        spec.id,
        undefined,
        `compute returned ${col ? `${col.length} rows` : 'nothing'} for output "${o.name}", expected ${inputs.n}`,
      );
    }
  }
  return res;
}

/**
 * A streaming evaluator of one factor on its grid: one aligned input row per update.
 *
 * - `expr` factors compile their expression trees into stateful nodes (O(1) or O(window) per update),
 *   giving the same floating-point operations as batch.
 * - `compute` factors with `stream` use it.
 * - `compute` factors with finite `lookback` are recomputed over their last `lookback + 1` rows
 *   (O(window) per update).
 */
export function createFactorStream(spec: FactorSpec, params: GridParams): FactorStream {
  if (spec.expr) {
    const names = spec.inputs.map((i) => i.name);
    const ctx: StreamContext = {
      params,
      inputIndex: (name) => {
        const k = names.indexOf(name);
        if (k < 0)
          throw new FactorDefinitionError(
            `factor "${spec.id}"`,
            `expression reads undeclared input "${name}"`,
          );
        return k;
      },
    };
    const exprs = resolveExprs(spec, params);
    const nodes: StreamNode[] = spec.outputs.map((o) => exprs[o.name].stream(ctx));
    return {
      update(_t, row, out) {
        for (let k = 0; k < nodes.length; k++) out[k] = nodes[k].step(row);
      },
    };
  }
  if (spec.stream) return spec.stream(params);
  if (spec.compute && spec.lookback !== undefined)
    return new WindowedComputeStream(spec, params, spec.lookback);
  throw new FactorDefinitionError(`factor "${spec.id}"`, 'cannot stream: compute without lookback or stream');
}

/** Generic streaming wrapper for finite-memory `compute` factors: recompute over the last rows. */
class WindowedComputeStream implements FactorStream {
  private readonly size: number;
  private readonly ring: Float64Array[];
  private readonly ringTs: Float64Array;
  private readonly window: Float64Array[];
  private readonly windowTs: Float64Array;
  private count = 0;

  constructor(
    private readonly spec: FactorSpec,
    private readonly params: GridParams,
    lookback: number,
  ) {
    this.size = lookback + 1;
    this.ring = spec.inputs.map(() => new Float64Array(this.size));
    this.ringTs = new Float64Array(this.size);
    this.window = spec.inputs.map(() => new Float64Array(this.size));
    this.windowTs = new Float64Array(this.size);
  }

  update(t: number, inputs: Float64Array, out: Float64Array): void {
    const slot = this.count % this.size;
    for (let k = 0; k < this.ring.length; k++) this.ring[k][slot] = inputs[k];
    this.ringTs[slot] = t;
    this.count++;
    const m = Math.min(this.count, this.size);
    const first = this.count - m;
    for (let j = 0; j < m; j++) {
      const p = (first + j) % this.size;
      for (let k = 0; k < this.ring.length; k++) this.window[k][j] = this.ring[k][p];
      this.windowTs[j] = this.ringTs[p];
    }
    const columns: Record<string, Float64Array> = {};
    this.spec.inputs.forEach((input, k) => {
      columns[input.name] = this.window[k].subarray(0, m);
    });
    const res = evaluateFactor(this.spec, {
      ts: this.windowTs.subarray(0, m),
      columns,
      n: m,
      params: this.params,
    });
    this.spec.outputs.forEach((o, k) => {
      out[k] = res[o.name][m - 1];
    });
  }
}
