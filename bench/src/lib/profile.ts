import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './config';

/** BENCH_PROFILE=1 runs the services under `node --cpu-prof` (profiles in bench/results/profiles, not committed). */
export const PROFILE_DIR = join(RESULTS_DIR, 'profiles');
export const profiling = process.env.BENCH_PROFILE === '1';

export function profileArgs(name: string): string[] {
  if (!profiling) return [];
  const dir = join(PROFILE_DIR, name);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package a frame belongs to: the pnpm package name, a workspace package, or node itself. */
function bucketOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1] ?? url;
  const workspace = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (workspace) return `@chatops/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node (core)';
  return url;
}

/** Self time by package in the newest profile of `name`, as % of samples that were not idle. */
export function summariseProfile(name: string, top = 8): Record<string, number> | undefined {
  const dir = join(PROFILE_DIR, name);
  if (!existsSync(dir)) return undefined;
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .pop();
  if (!newest) return undefined;
  const profile = JSON.parse(readFileSync(join(dir, newest), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, bucketOf(n.callFrame)]));
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const bucket = byId.get(id) ?? '?';
    if (bucket === '(idle)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    time.set(bucket, (time.get(bucket) ?? 0) + dt);
  });
  const sorted = [...time.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return Object.fromEntries(sorted.map(([k, v]) => [k, Math.round((v / busy) * 1000) / 10]));
}

/** Each service's summarised profile in one note line: `gateway: fastify 12%, pino 3% — notifier: …`. */
export function describeProfiles(profiles: Record<string, Record<string, number> | undefined>): string {
  return Object.entries(profiles)
    .map(
      ([service, profile]) =>
        `${service}: ${Object.entries(profile ?? {})
          .map(([bucket, percent]) => `${bucket} ${percent}%`)
          .join(', ')}`,
    )
    .join(' — ');
}
