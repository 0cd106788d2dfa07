import { KeyedQueue } from './keyed-queue.js';

/** A task that runs until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in the order they came', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ticks: number) => async () => {
      log.push(`start ${name}`);
      for (let i = 0; i < ticks; i++) await settle();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', task('1', 3)), queue.run('a', task('2', 1)), queue.run('a', task('3', 0))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs the tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const first = gate();
    const running: string[] = [];
    const a = queue.run('a', async () => {
      running.push('a');
      await first.opened;
    });
    const b = queue.run('b', async () => {
      running.push('b');
    });
    await b;
    await settle();
    expect(running).toEqual(['a', 'b']);
    expect(queue.busyKeys).toBe(1);
    first.open();
    await a;
  });

  it('goes on with the next task after one fails, and hands the failure to its own caller only', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('a', async () => {
      throw new Error('refused');
    });
    const throwingSynchronously = queue.run('a', () => {
      throw new Error('refused at once');
    });
    const next = queue.run('a', async () => 'ran');
    await expect(failing).rejects.toThrow('refused');
    await expect(throwingSynchronously).rejects.toThrow('refused at once');
    await expect(next).resolves.toBe('ran');
  });

  it('does not start a waiting task before the running one has settled, even when that one fails', async () => {
    const queue = new KeyedQueue();
    const first = gate();
    let secondStarted = false;
    const failing = queue.run('a', async () => {
      await first.opened;
      throw new Error('lost');
    });
    const second = queue.run('a', async () => {
      secondStarted = true;
    });
    await settle();
    expect(secondStarted).toBe(false);
    first.open();
    await expect(failing).rejects.toThrow('lost');
    await second;
    expect(secondStarted).toBe(true);
  });

  it('forgets a key once its last task has settled', async () => {
    const queue = new KeyedQueue();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => queue.run(`agreement-${i % 100}`, async () => i)));
    await queue.run('x', async () => Promise.reject(new Error('x'))).catch(() => undefined);
    await settle();
    expect(queue.busyKeys).toBe(0);
  });

  it('keeps a key while a task queued behind a finished one still waits', async () => {
    const queue = new KeyedQueue();
    const second = gate();
    await queue.run('a', async () => undefined);
    const waiting = queue.run('a', () => second.opened);
    await settle();
    expect(queue.busyKeys).toBe(1);
    second.open();
    await waiting;
    await settle();
    expect(queue.busyKeys).toBe(0);
  });
});
