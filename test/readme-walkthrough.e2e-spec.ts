/**
 * The README's walk-through, run as written: its shell block between the walkthrough markers,
 * in bash with curl, against a fresh server. When the API changes, the README changes with it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from './support/test-app.js';

const README = readFileSync('README.md', 'utf8');
const BLOCK = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(README)?.[1];
const curl = spawnSync('curl', ['--version'], { encoding: 'utf8' });
const haveCurl = curl.status === 0 && /--fail-with-body|7\.(7[6-9]|[89]\d)|8\./.test(curl.stdout);
if (!haveCurl) process.stdout.write('SKIPPED: README walk-through — it needs curl ≥ 7.76 (--fail-with-body) on PATH\n');

describe('the README walk-through', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('has one shell block between the walkthrough markers', () => {
    expect(BLOCK).toBeDefined();
    expect(BLOCK).toContain('curl');
  });

  (haveCurl ? it : it.skip)('runs against a fresh server: draft, board proposal, council approvals, signatures, in force since the last signature', async () => {
    // bash -e: any request answered with an error stops the walk-through and fails the test. Not
    // spawnSync: the server runs in this process and must go on answering.
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['-e', '-c', BLOCK!], { env: { ...process.env, LEDGER: t.api, TOKEN: t.adminToken }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    // On failure, the end of the output names the request the server refused and why.
    expect({ stderr: run.stderr, end: run.stderr ? run.stdout.slice(-600) : "" }).toEqual({ stderr: "", end: "" });
    expect(run.status).toBe(0);
    const answers = run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answers).toHaveLength(10);
    const statuses = answers.filter((a) => 'inForce' in a);
    expect(statuses[0]).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    expect((statuses[0]!.pending as Array<{ approval: string; signature: string }>).map((p) => [p.approval, p.signature])).toEqual([
      ['approved', 'missing'],
      ['approved', 'missing'],
      ['approved', 'missing'],
    ]);
    expect(statuses[1]).toMatchObject({ inForce: true, inForceVersion: 1, inForceSince: '2023-11-27' });
  });
});
