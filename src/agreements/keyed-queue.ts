/**
 * Runs tasks one after another per key and in parallel across keys: a promise chain per key.
 * A key's chain is dropped as soon as its last task settles, so memory follows the keys in use,
 * not every key ever seen. A failed task does not hold up the next one; its caller gets the error.
 */
export class KeyedQueue {
  /** Per busy key: settles (never rejects) when the last task queued on that key has settled. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Keys with a task running or waiting. */
  get busyKeys(): number {
    return this.tails.size;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(ignore, ignore);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

function ignore(): void {}
