import cliProgress from 'cli-progress';

/** A progress bar on stderr; silent when stderr is not a terminal, in `--json` mode, or with `--quiet`. */
export interface Progress {
  /** Sets the number of units done so far. */
  update(done: number): void;
  /** Adds units done. */
  increment(by?: number): void;
  /** Stops and clears the bar. */
  stop(): void;
}

/** Starts a progress bar of `total` units labelled `label`. */
export function startProgress(label: string, total: number, opts: { silent?: boolean } = {}): Progress {
  if (opts.silent || !process.stderr.isTTY) {
    return { update() {}, increment() {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    increment: (by = 1) => bar.increment(by),
    stop: () => bar.stop(),
  };
}
