import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '@chatops/testing';
import { TEST_ENCRYPTION_KEY, testInfra } from './infra';
import { waitFor } from './wait';

const ROOT = resolve(__dirname, '../..');

export type ServiceName = 'gateway' | 'command-handler' | 'notifier' | 'incident';
const PORT_VARIABLE: Record<ServiceName, string> = {
  gateway: 'GATEWAY_PORT',
  'command-handler': 'COMMAND_HANDLER_PORT',
  notifier: 'NOTIFIER_PORT',
  incident: 'INCIDENT_PORT',
};

/** The gateway's second port (health, readiness, metrics); the other services have only one. */
const OPS_PORT_VARIABLE: Partial<Record<ServiceName, string>> = { gateway: 'GATEWAY_OPS_PORT' };

export interface RunningService {
  name: ServiceName;
  url: string;
  /** Where /metrics is served: the gateway's ops port, the only port of the others. */
  opsUrl: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a built service (`services/<name>/dist/main.js`) as its own process and waits for /healthz. */
/**
 * What every service needs to boot against the test infrastructure: a test's own database and
 * queue prefix, the test Redis and encryption key, an admin token, and loopback as an allowed
 * outbound target. Tests add their scenario's variables to it.
 */
export function serviceEnv(databaseUrl: string, queuePrefix: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testInfra().redisUrl,
    QUEUE_PREFIX: queuePrefix,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ADMIN_TOKEN: 'e2e-admin-token-0123456789abcdef',
    // The fake Slack and Mattermost listen on loopback, which chatops refuses as a target by
    // default (webhook URLs, Mattermost servers): the suite allows it explicitly.
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
  };
}

export async function startService(name: ServiceName, env: Record<string, string>): Promise<RunningService> {
  const entry = resolve(ROOT, 'services', name, 'dist/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (make build)`);
  const port = env[PORT_VARIABLE[name]] ? Number(env[PORT_VARIABLE[name]]) : await freePort();
  const opsVariable = OPS_PORT_VARIABLE[name];
  const opsPort = opsVariable ? (env[opsVariable] ? Number(env[opsVariable]) : await freePort()) : port;
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
      [PORT_VARIABLE[name]]: String(port),
      ...(opsVariable ? { [opsVariable]: String(opsPort) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        return (await fetch(`${url}/healthz`)).ok;
      },
      { timeoutMs: 15_000, what: `${name} /healthz` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${String(error)}\n${output}`);
  }

  return {
    name,
    url,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
