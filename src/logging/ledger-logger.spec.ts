import { Writable } from 'node:stream';
import { createLedgerLogger } from './ledger-logger.js';

describe('the ledger logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, destination };
  };

  it('writes JSON lines at LEDGER_LOG_LEVEL and above', () => {
    const { lines, destination } = capture();
    const logger = createLedgerLogger({ level: 'warn', format: 'json' }, destination);
    logger.info('not shown');
    logger.warn({ reqId: 'r-1' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, reqId: 'r-1', msg: 'shown' });
  });

  it('writes one readable line per entry with LEDGER_LOG_FORMAT=pretty', () => {
    const { lines, destination } = capture();
    const logger = createLedgerLogger({ level: 'info', format: 'pretty' }, destination);
    logger.info({ reqId: 'r-2', status: 200 }, 'request');
    const text = lines.join('');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/INFO.*request/);
    expect(text).toContain('r-2');
  });
});
