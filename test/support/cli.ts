import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { SecretBox } from '@chatops/db';
import { OutboundPolicy } from '@chatops/outbound';
import { type CliContext } from '../../packages/cli/src/context';
import { TEST_ENCRYPTION_KEY } from './infra';

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

/**
 * A context for running CLI commands in-process: the given database, queues and printer, the test
 * encryption key, URLs that lead nowhere unless a test points `slackApiUrl` at a fake, and, as in
 * production, no internal outbound target allowed unless a test passes `outbound`.
 */
export function cliTestContext(
  parts: Pick<CliContext, 'db' | 'queues' | 'print'> &
    Partial<Pick<CliContext, 'slackApiUrl' | 'outbound' | 'slackAppEnv' | 'publicUrl'>>,
): CliContext {
  return {
    box: new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')),
    publicUrl: 'http://127.0.0.1:3000',
    slackApiUrl: 'http://127.0.0.1:1/api',
    outbound: OutboundPolicy.strict(),
    slackAppEnv: {},
    ...parts,
  };
}
