import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * GitLab's documented webhook payloads, kept in the repository (test/fixtures/gitlab-webhooks,
 * provenance in its README.md); CHATOPS_FIXTURES_DIR points elsewhere if needed.
 */
export const FIXTURES_DIR = process.env.CHATOPS_FIXTURES_DIR ?? resolve(__dirname, '../fixtures/gitlab-webhooks');

export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name);
}

export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}
