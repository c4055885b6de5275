/**
 * Pending DEX swaps waiting for the next block, in arrival order (a public mempool: searchers see them).
 * Arrays are reused; `n` is the number pending.
 */
export class Mempool {
  n = 0;
  amountIn = new Float64Array(64);
  zeroForOne = new Uint8Array(64);
  trader: string[] = [];

  add(amountIn: number, zeroForOne: boolean, trader: string): void {
    if (this.n === this.amountIn.length) {
      const a = new Float64Array(this.n * 2);
      a.set(this.amountIn);
      this.amountIn = a;
      const z = new Uint8Array(this.n * 2);
      z.set(this.zeroForOne);
      this.zeroForOne = z;
    }
    this.amountIn[this.n] = amountIn;
    this.zeroForOne[this.n] = zeroForOne ? 1 : 0;
    this.trader[this.n] = trader;
    this.n++;
  }

  clear(): void {
    this.n = 0;
  }
}
