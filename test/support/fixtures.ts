import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * GitLab's documented webhook payloads live in the shared fixtures folder beside the repository
 * (../shared/fixtures/gitlab-webhooks); CHATOPS_FIXTURES_DIR points elsewhere if needed.
 */
export const FIXTURES_DIR =
  process.env.CHATOPS_FIXTURES_DIR ?? resolve(__dirname, '../../../shared/fixtures/gitlab-webhooks');

export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
