// Public API of cwm: every export by name, from its own file.
export { CwmError, UsageError } from './errors/base.js';
export { InputFileError, SchemaViolationError, StoreError } from './errors/data.js';
export { Rng, deriveSeed } from './math/rng.js';
export { createFrame, frameLength, getColumn, sliceFrame, truncateFrame, upperBound } from './data/frame.js';
export type { Frame } from './data/frame.js';
