import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** Starts a built service with exactly `env` and returns how it ended. */
async function boot(service: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [resolve(ROOT, 'services', service, 'dist/main.js')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 10_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
  }
}

describe('service boot with a bad environment', () => {
  it.each(['gateway', 'notifier', 'command-handler', 'incident'])(
    '%s stops at once, naming each missing variable',
    async (service) => {
      const { code, stderr } = await boot(service, {});
      expect(code).toBe(1);
      expect(stderr).toContain('Invalid configuration:');
      expect(stderr).toContain('DATABASE_URL: is required but not set');
      expect(stderr).toContain('ENCRYPTION_KEY: is required but not set');
    },
  );

  it('names a malformed variable', async () => {
    const { code, stderr } = await boot('gateway', {
      DATABASE_URL: 'postgresql://u:p@127.0.0.1:1/db',
      ENCRYPTION_KEY: 'too-short',
      ADMIN_TOKEN: 'x'.repeat(32),
      GATEWAY_PORT: 'eighty',
      PUBLIC_URL: 'http://chat.example.com',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/ENCRYPTION_KEY: must be 32 bytes/);
    expect(stderr).toMatch(/GATEWAY_PORT: /);
    expect(stderr).toMatch(/PUBLIC_URL: must use https/);
  });

  it('refuses an ops port equal to the public port', async () => {
    const { code, stderr } = await boot('gateway', {
      DATABASE_URL: 'postgresql://u:p@127.0.0.1:1/db',
      ENCRYPTION_KEY: 'a'.repeat(64),
      ADMIN_TOKEN: 'x'.repeat(32),
      GATEWAY_PORT: '3100',
      GATEWAY_OPS_PORT: '3100',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/GATEWAY_OPS_PORT: must differ from GATEWAY_PORT/);
  });
});
