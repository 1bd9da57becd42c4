import { ConfigError, loadConfig } from '@chatops/config';
import { notifierEnvSchema } from './env';

const required = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db', ENCRYPTION_KEY: 'a'.repeat(64) };

function problemOf(source: Record<string, string>): string | undefined {
  try {
    loadConfig(notifierEnvSchema, { ...required, ...source });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.find((p) => p.variable === 'NOTIFIER_QUEUES')?.problem;
    throw error;
  }
  return undefined;
}

describe('NOTIFIER_QUEUES', () => {
  it('works both queues by default', () => {
    expect(loadConfig(notifierEnvSchema, required).NOTIFIER_QUEUES).toEqual(['events', 'deliveries']);
  });

  it('takes a comma-separated subset, ignoring spaces and repeats', () => {
    expect(
      loadConfig(notifierEnvSchema, { ...required, NOTIFIER_QUEUES: ' deliveries , deliveries' }).NOTIFIER_QUEUES,
    ).toEqual(['deliveries']);
    expect(loadConfig(notifierEnvSchema, { ...required, NOTIFIER_QUEUES: 'events' }).NOTIFIER_QUEUES).toEqual([
      'events',
    ]);
  });

  it('refuses unknown queue names and an empty list, naming the variable', () => {
    expect(problemOf({ NOTIFIER_QUEUES: 'events,commands' })).toMatch(/must be one of: events, deliveries/);
    expect(problemOf({ NOTIFIER_QUEUES: ' , ' })).toMatch(/at least one queue/);
  });
});
