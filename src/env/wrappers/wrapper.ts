import { Env, type EnvMetadata } from '../core.js';
import type { Space } from '../spaces/space.js';

/**
 * Base of every wrapper: wraps one env and passes everything through; subclasses change one thing.
 * The inner env validates actions; `reset` seeds are forwarded to it.
 *
 * Reference: Gymnasium 1.x, `gymnasium/core.py` (`Wrapper`).
 */
export abstract class Wrapper<O, A, WO = O> extends Env<WO, A> {
  readonly actionSpace: Space<A>;
  readonly metadata: EnvMetadata;
  protected override actionCheck: 'contains' | 'shape' | 'none' = 'none';

  constructor(readonly env: Env<O, A>) {
    super();
    this.actionSpace = env.actionSpace;
    this.metadata = env.metadata;
  }

  /** The innermost env (unwraps every layer). */
  get unwrapped(): Env<unknown, unknown> {
    let e: Env<unknown, unknown> = this.env as Env<unknown, unknown>;
    while (e instanceof Wrapper) e = e.env as Env<unknown, unknown>;
    return e;
  }

  override close(): void {
    super.close();
    this.env.close();
  }

  /** Resets the inner env and returns its `[obs, info]`. */
  protected resetInner(seed: number | undefined, options: Record<string, unknown>): O {
    const [obs, info] = this.env.reset({ seed, options });
    this.info = info;
    return obs;
  }

  /** Steps the inner env, copies reward/terminated/truncated/info, and returns its obs. */
  protected stepInner(action: A): O {
    const env = this.env;
    const obs = env.advance(action);
    this.reward = env.lastReward;
    this.terminated = env.lastTerminated;
    this.truncated = env.lastTruncated;
    this.info = env.lastInfo;
    return obs;
  }
}
