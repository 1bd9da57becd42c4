import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** Runs the built operator CLI (`pnpm chatops …`) as its own process and returns its stdout. */
export async function chatops(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, [resolve(ROOT, 'packages/cli/dist/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout;
}
