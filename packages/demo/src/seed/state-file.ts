import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type DemoState } from './seed';

/** The seeded endpoint and its secret, kept in `.local/demo/state.json` (mode 600) between runs. */
export async function readState(path: string): Promise<DemoState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<DemoState>;
    if (
      typeof parsed.endpointId !== 'string' ||
      typeof parsed.secret !== 'string' ||
      typeof parsed.gatewayUrl !== 'string'
    )
      return undefined;
    return parsed as DemoState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function writeState(path: string, state: DemoState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}
