import { describe, it } from 'vitest';
import { SHARED_DATA_DIR, sharedDataAvailable } from './sharedData.js';

/**
 * Test helper: a `describe` block that reads the real datasets in `../shared/data`. When that folder is absent
 * (a user's clone) the block's body is not even run (so nothing reads a missing file while tests are
 * collected); it shows as one skipped test naming the folder, and `sharedDataAvailable()` prints a visible
 * SKIPPING line. CI has the folder, so there every test in the block runs.
 */
export function describeSharedData(name: string, body: () => void): void {
  const available = sharedDataAvailable();
  describe.skipIf(!available)(
    name,
    available
      ? body
      : () => {
          it.skipIf(true)(`needs the real datasets in ${SHARED_DATA_DIR}`, () => undefined);
        },
  );
}
