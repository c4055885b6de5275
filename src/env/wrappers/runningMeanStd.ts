/**
 * Running mean and variance per element, merged batch by batch (Chan, Golub and LeVeque's parallel
 * update, as in Gymnasium's `RunningMeanStd`: count starts at 1e-4, mean 0, var 1).
 *
 * Reference: Chan, Golub, LeVeque (1979), "Updating formulae and a pairwise algorithm for computing
 * sample variances"; Gymnasium 1.x `gymnasium/wrappers/utils.py`.
 */
export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count = 1e-4;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
  }

  /** Merges one sample `x` (length `size`). */
  update(x: ArrayLike<number>): void {
    const tot = this.count + 1;
    const w = this.count / tot;
    for (let i = 0; i < this.size; i++) {
      const delta = x[i] - this.mean[i];
      this.mean[i] += delta / tot;
      this.var[i] = (this.var[i] * this.count + delta * delta * w) / tot;
    }
    this.count = tot;
  }
}
