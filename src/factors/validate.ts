import { FactorDefinitionError } from '../errors/factors.js';
import {
  DAY_MS,
  type ExprMap,
  FACTOR_CATEGORIES,
  type FactorSpec,
  type GridParams,
  gridParams,
  HOUR_MS,
} from './spec.js';

const SNAKE = /^[a-z][a-z0-9_]*$/;

/**
 * Checks a factor spec once, when it is registered or before a user-defined factor is run.
 *
 * @throws {FactorDefinitionError} naming the factor and what is wrong: id or names not snake_case,
 *   duplicate input/output names, neither or both of `expr`/`compute`, expression outputs not matching
 *   `outputs`, an expression reading an undeclared input, `compute` without `lookback` or `stream`,
 *   negative publication lag, non-positive staleness.
 */
export function validateFactorSpec(spec: FactorSpec): void {
  const id = spec.id;
  const fail = (reason: string): never => {
    throw new FactorDefinitionError(`factor "${id}"`, reason);
  };
  if (typeof id !== 'string' || !SNAKE.test(id)) fail('id must be snake_case');
  if (!FACTOR_CATEGORIES.some((c) => c.category === spec.category))
    fail(`unknown category "${spec.category}"`);
  if (!spec.name?.trim()) fail('name is empty');
  if (!spec.definition?.trim()) fail('definition is empty');
  if (!spec.unit?.trim()) fail('unit is empty');
  if (!['grid', '1h', '1d'].includes(spec.frequency))
    fail(`frequency must be grid, 1h or 1d, got ${spec.frequency}`);
  if (spec.inputs.length === 0) fail('declares no inputs');
  const inputNames = new Set<string>();
  for (const input of spec.inputs) {
    if (!SNAKE.test(input.name)) fail(`input name "${input.name}" must be snake_case`);
    if (inputNames.has(input.name)) fail(`duplicate input name "${input.name}"`);
    inputNames.add(input.name);
    if (!input.field) fail(`input "${input.name}" has no field`);
    if (!(input.publicationLagMs >= 0)) fail(`input "${input.name}" publicationLagMs must be >= 0`);
    if (!(input.maxStalenessMs > 0)) fail(`input "${input.name}" maxStalenessMs must be > 0`);
  }
  const required = spec.inputs.filter((i) => !i.optional).length;
  if (spec.minInputs !== undefined && !(spec.minInputs >= 1 && spec.minInputs <= spec.inputs.length)) {
    fail(`minInputs must be in [1, ${spec.inputs.length}]`);
  }
  if (required === 0 && spec.minInputs === undefined) fail('all inputs are optional: set minInputs');
  if (spec.outputs.length === 0) fail('declares no outputs');
  const outNames = new Set<string>();
  for (const o of spec.outputs) {
    if (!SNAKE.test(o.name)) fail(`output name "${o.name}" must be snake_case`);
    if (outNames.has(o.name)) fail(`duplicate output name "${o.name}"`);
    outNames.add(o.name);
  }
  if (!!spec.expr === !!spec.compute) fail('give exactly one of expr or compute');
  if (spec.expr) {
    for (const step of [HOUR_MS, DAY_MS]) {
      const exprs = resolveExprs(spec, gridParams(step));
      const keys = Object.keys(exprs);
      for (const k of keys) if (!outNames.has(k)) fail(`expr has "${k}" which is not a declared output`);
      for (const o of outNames) if (!exprs[o]) fail(`output "${o}" has no expression`);
      for (const e of Object.values(exprs)) {
        for (const name of e.inputNames()) {
          if (!inputNames.has(name)) fail(`expression ${e.toString()} reads undeclared input "${name}"`);
        }
      }
    }
  }
  if (spec.compute && spec.lookback === undefined && !spec.stream) {
    fail('compute needs lookback (finite memory) or its own stream');
  }
  if (spec.warmup !== undefined && !(Number.isInteger(spec.warmup) && spec.warmup >= 0)) {
    fail('warmup must be an integer >= 0');
  }
  if (spec.lookback !== undefined && !(Number.isInteger(spec.lookback) && spec.lookback >= 0)) {
    fail('lookback must be an integer >= 0');
  }
}

const resolved = new WeakMap<object, Map<number, ExprMap>>();

/** The expressions of an `expr` factor on a grid (calls `expr(params)` once per grid step, cached). */
export function resolveExprs(spec: FactorSpec, params: GridParams): ExprMap {
  const e = spec.expr;
  if (!e) throw new FactorDefinitionError(`factor "${spec.id}"`, 'has no expr');
  if (typeof e !== 'function') return e;
  let byStep = resolved.get(e);
  if (!byStep) {
    byStep = new Map();
    resolved.set(e, byStep);
  }
  let m = byStep.get(params.barMs);
  if (!m) {
    m = e(params);
    byStep.set(params.barMs, m);
  }
  return m;
}

/**
 * Past rows a factor needs before its first value (its warm-up) on a grid, from its expressions or
 * `lookback`. Default grid: hourly.
 */
export function factorLookback(spec: FactorSpec, params: GridParams = gridParams(HOUR_MS)): number {
  const own = spec.expr
    ? Math.max(0, ...Object.values(resolveExprs(spec, params)).map((e) => e.lookback()))
    : (spec.lookback ?? 0);
  return Math.max(own, spec.warmup ?? 0);
}
