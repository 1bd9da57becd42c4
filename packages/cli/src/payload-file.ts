import { readFile } from 'node:fs/promises';
import { UsageError } from './command';

/** A GitLab webhook payload from a file: a JSON object, or a usage error saying what is wrong. */
export async function readPayload(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new UsageError(`${file} is not a JSON object`);
  return payload as Record<string, unknown>;
}
