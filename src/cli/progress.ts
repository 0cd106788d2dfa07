/**
 * Progress of long work on stderr, only when that is a terminal: a script reading stdout or a
 * log file sees none of it. Counted, not timed, so a fast run prints little.
 */
export interface Progress {
  tick(count: number): void;
  done(): void;
}

const EVERY = 50_000;

export function progress(label: string): Progress {
  if (!process.stderr.isTTY) return { tick: () => {}, done: () => {} };
  let shown = 0;
  let drawn = false;
  return {
    tick(count) {
      if (count - shown < EVERY) return;
      shown = count;
      drawn = true;
      process.stderr.write(`\r${label}: ${count.toLocaleString('en-GB')} events`);
    },
    done() {
      if (drawn) process.stderr.write('\n');
    },
  };
}
