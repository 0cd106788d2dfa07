/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof` or the inspector's Profiler domain) and says
 * where the time went: self time per function, and inclusive time per function of this project.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Self time: where the CPU actually was (native code is charged to its JS caller). */
  readonly self: readonly ProfileEntry[];
  /** Inclusive time of functions in this project's dist/ (src, projections), each counted once per sample. */
  readonly inclusive: readonly ProfileEntry[];
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

function label(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  if (url === '') return name;
  const path = url.startsWith('file://') ? relative(root, decodeURIComponent(new URL(url).pathname)) : url;
  return `${name} ${path}:${lineNumber + 1}`;
}

export function summarizeCpuProfile(profile: CpuProfile, root: string, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  let totalUs = 0;
  const ours = (node: ProfileNode): boolean => /\/dist\/(src|projections)\//.test(node.callFrame.url);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0; // a sample's time is the gap to the next one
    totalUs += dt;
    let node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const own = label(node, root);
    selfUs.set(own, (selfUs.get(own) ?? 0) + dt);
    const seen = new Set<string>();
    for (; node; node = byId.get(parent.get(node.id) ?? -1)) {
      if (!ours(node)) continue;
      const key = label(node, root);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + dt);
    }
  }
  const ranked = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }));
  return { totalMs: totalUs / 1000, self: ranked(selfUs), inclusive: ranked(inclusiveUs) };
}

export function formatProfileSummary(title: string, summary: ProfileSummary): string {
  const line = (e: ProfileEntry): string => `  ${e.ms.toFixed(0).padStart(8)} ms ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.name}`;
  return [
    `${title}: ${summary.totalMs.toFixed(0)} ms sampled`,
    ' self time (native code, e.g. SQLite and JSON, is charged to the JS function that called it):',
    ...summary.self.map(line),
    ' inclusive time, this project’s functions:',
    ...summary.inclusive.map(line),
  ].join('\n');
}

/** Starts sampling this process's CPU every 250 µs. */
export async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return session;
}

/** Stops the profiler and writes its .cpuprofile to `file`. */
export async function stopProfiler(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}
