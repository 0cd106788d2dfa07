/**
 * The benchmarks' generated logs must be what the decider writes, else a bench measures events the
 * server would never append; the benches check a sample when they start, this checks one in CI.
 */
import { checkAgainstDecider } from '../bench/support/read-fixtures.js';

describe("the benchmarks' generated agreements", () => {
  it('are written event for event as the decider writes them from the same commands', () => {
    const shape = { agreements: 200, events: 4_000, active: 20 };
    expect(checkAgainstDecider(shape, [0, 1, 2, 57, 123, 199])).toBeGreaterThan(0);
  });
});
