import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type DemoPorts } from '@chatops/demo';
import { waitFor } from './wait';

const ROOT = resolve(__dirname, '../..');
const MAIN = resolve(ROOT, 'packages/demo/dist/main.js');
const run = promisify(execFile);

/** The environment `make demo` gives the demo's commands (scripts/demo.sh), for the given ports. */
export function demoEnv(ports: DemoPorts, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    DEMO_VIEWER_PORT: String(ports.viewer),
    DEMO_SLACK_PORT: String(ports.slack),
    DEMO_MATTERMOST_PORT: String(ports.mattermost),
    DEMO_GITLAB_PORT: String(ports.gitlab),
    ...extra,
  };
}

export interface DemoProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `node packages/demo/dist/main.js fakes`, as `make demo` runs it, once its viewer answers. */
export async function startDemoProcess(env: Record<string, string>, viewerUrl: string): Promise<DemoProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (make build)`);
  const child = spawn(process.execPath, [MAIN, 'fakes'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${viewerUrl}/healthz`)).ok;
      },
      { timeoutMs: 15_000, what: 'the demo viewer' },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the demo process did not start: ${String(error)}\n${output}`);
  }
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One of the demo's commands (`seed`, `replay`, `send <event>`) as its own process. */
export async function demoCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], { cwd: ROOT, env, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}
