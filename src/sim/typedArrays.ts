/** A typed array with a constructor that takes a length. */
type Growable = Int32Array | Float64Array | Uint8Array;

/** Returns a copy of `a` with capacity `cap` (>= a.length), zero-filled beyond the old length. */
export function grown<T extends Growable>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a as never);
  return b;
}
