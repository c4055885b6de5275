import * as tf from '@tensorflow/tfjs';
import { NnConfigError, NnShapeError } from '../errors/nn.js';
import { type InitKind, SeededInitializer, weightSeed } from './init.js';

/** Keyword arguments of `call` (TF.js style). `training` switches dropout and noise. */
export type CallKwargs = { training?: boolean; [key: string]: unknown };

/** Arguments every cwm block takes. */
export interface CwmLayerArgs {
  /** Layer name (unique names are generated when omitted). */
  name?: string;
  /** Seed of every initializer and random stream of this block (derived per weight). Default 0. */
  seed?: number;
  /** Whether the block's weights are trained. Default true. */
  trainable?: boolean;
}

type LayerVariable = tf.LayerVariable;
type Initializer = Parameters<tf.layers.Layer['addWeight']>[3];

/**
 * Base of every cwm block: a TF.js `Layer` with seeded weights, named weights of its sub-blocks, and helpers
 * for argument checks. Sub-blocks are registered with `track` so their weights are trained, saved and freed
 * with the parent.
 */
export abstract class CwmLayer extends tf.layers.Layer {
  /** Seed given to the constructor. */
  readonly seed: number;
  private readonly localNames: string[] = [];
  private readonly localVars: LayerVariable[] = [];
  private readonly children: [string, CwmLayer][] = [];

  constructor(args: CwmLayerArgs = {}) {
    super({ name: args.name, trainable: args.trainable ?? true });
    const seed = args.seed ?? 0;
    if (!Number.isInteger(seed))
      throw new NnConfigError(this.constructor.name, 'seed', `must be an integer, got ${seed}`);
    this.seed = seed >>> 0;
  }

  /** Adds a float32 weight initialised from this block's seed and the weight's local name. */
  protected addSeededWeight(name: string, shape: number[], init: InitKind, trainable = true): LayerVariable {
    const v = this.addWeight(
      name,
      shape,
      'float32',
      new SeededInitializer(init, weightSeed(this.seed, name)) as unknown as Initializer,
      undefined,
      trainable,
    );
    this.localNames.push(name);
    this.localVars.push(v);
    return v;
  }

  /** Registers a sub-block under `name` (its weights become `name/...` of this block). */
  protected track<L extends CwmLayer>(name: string, layer: L): L {
    this.children.push([name, layer]);
    return layer;
  }

  /** Builds a tracked sub-block for `inputShape` if it is not built yet. */
  protected buildChild(layer: CwmLayer, inputShape: tf.Shape | tf.Shape[]): void {
    if (!layer.built) {
      layer.build(inputShape);
      layer.built = true;
    }
  }

  /** All weights of this block and its sub-blocks, keyed by stable local path (`attn/qkvKernel`). */
  namedWeights(): Map<string, LayerVariable> {
    const out = new Map<string, LayerVariable>();
    for (let i = 0; i < this.localNames.length; i++) out.set(this.localNames[i], this.localVars[i]);
    for (const [prefix, child] of this.children)
      for (const [k, v] of child.namedWeights()) out.set(`${prefix}/${k}`, v);
    return out;
  }

  /** The trainable `tf.Variable`s of this block and its sub-blocks, in a stable order. */
  variables(): tf.Variable[] {
    const out: tf.Variable[] = [];
    for (const v of this.namedWeights().values()) if (v.trainable) out.push(v.read() as tf.Variable);
    return out;
  }

  override get trainableWeights(): LayerVariable[] {
    return [...this.namedWeights().values()].filter((v) => v.trainable);
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return [...this.namedWeights().values()].filter((v) => !v.trainable);
  }

  override get weights(): LayerVariable[] {
    return [...this.namedWeights().values()];
  }

  override dispose(): { refCountAfterDispose: number; numDisposedVariables: number } {
    let n = 0;
    for (const [, child] of this.children) if (child.built) n += child.dispose().numDisposedVariables;
    if (!this.built) return { refCountAfterDispose: 0, numDisposedVariables: n };
    // Blocks built by a parent (not via apply) have no reference count yet.
    if (this._refCount === null) this._refCount = 1;
    const r = super.dispose();
    return { refCountAfterDispose: r.refCountAfterDispose, numDisposedVariables: r.numDisposedVariables + n };
  }

  /** Frees only this block's own weights (sub-blocks free theirs in `dispose`). */
  protected override disposeWeights(): number {
    for (const v of this.localVars) v.dispose();
    return this.localVars.length;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed };
  }

  /** Throws NnConfigError unless `value` is an integer >= `min`. */
  protected checkInt(arg: string, value: unknown, min = 1): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      throw new NnConfigError(this.getClassName(), arg, `must be an integer >= ${min}, got ${String(value)}`);
    return value;
  }

  /** Throws NnConfigError unless `lo <= value < hi` (or `<= hi` when `closed`). */
  protected checkRange(arg: string, value: unknown, lo: number, hi: number, closed = false): number {
    if (typeof value !== 'number' || !(value >= lo) || !(closed ? value <= hi : value < hi))
      throw new NnConfigError(
        this.getClassName(),
        arg,
        `must be in [${lo}, ${hi}${closed ? ']' : ')'}, got ${String(value)}`,
      );
    return value;
  }

  /** Throws NnShapeError unless `shape` has rank `rank` and (when given) last axis `last`. */
  protected checkShape(input: string, shape: readonly (number | null)[], rank: number, last?: number): void {
    if (shape.length !== rank || (last !== undefined && shape[shape.length - 1] !== last))
      throw new NnShapeError(
        this.getClassName(),
        input,
        `rank ${rank}${last !== undefined ? ` with last axis ${last}` : ''}`,
        shape,
      );
  }
}

/** The first tensor of a `call` input (a tensor or a list). */
export function first(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}
