import { z } from 'zod';
import { describeSettings, settingNames } from './describe';

describe('describeSettings', () => {
  it('shows every setting with its value, unset ones as null, and hides every credential', () => {
    const described = describeSettings({
      PUBLIC_URL: 'https://chatops.example.com',
      SLACK_API_URL: 'https://slack.com/api',
      GITLAB_URL: undefined,
      DATABASE_URL: 'postgresql://chatops:s3cret@db.internal:5432/chatops',
      REDIS_URL: 'redis://:r3dis@127.0.0.1:6379',
      NOTIFIER_EVENT_CONCURRENCY: 50,
      SLACK_RESPONSE_URL_ORIGINS: ['https://hooks.slack.com'],
      ENCRYPTION_KEY: Buffer.alloc(32, 1),
      ENCRYPTION_KEYS_PREVIOUS: [Buffer.alloc(32, 2)],
      ADMIN_TOKEN: 'admin-token-0123456789abcdef',
      GITLAB_OAUTH_CLIENT_ID: 'app-id',
      GITLAB_OAUTH_CLIENT_SECRET: 'gloas-secret',
      SLACK_SIGNING_SECRET: 'slack-signing',
    });
    expect(described).toEqual({
      ADMIN_TOKEN: '(set)',
      DATABASE_URL: 'postgresql://chatops:***@db.internal:5432/chatops',
      ENCRYPTION_KEY: '(set)',
      ENCRYPTION_KEYS_PREVIOUS: '(set)',
      GITLAB_OAUTH_CLIENT_ID: 'app-id',
      GITLAB_OAUTH_CLIENT_SECRET: '(set)',
      GITLAB_URL: null,
      NOTIFIER_EVENT_CONCURRENCY: 50,
      PUBLIC_URL: 'https://chatops.example.com',
      REDIS_URL: 'redis://:***@127.0.0.1:6379',
      SLACK_API_URL: 'https://slack.com/api',
      SLACK_RESPONSE_URL_ORIGINS: ['https://hooks.slack.com'],
      SLACK_SIGNING_SECRET: '(set)',
    });
    const text = JSON.stringify(described);
    for (const secret of ['s3cret', 'r3dis', 'admin-token', 'gloas-secret', 'slack-signing'])
      expect(text).not.toContain(secret);
  });

  it('names the variables of a schema that are unset as null', () => {
    const schema = z.object({ GITLAB_URL: z.string().optional(), LOG_LEVEL: z.string().default('info') });
    const env = schema.parse({});
    expect(describeSettings(env, settingNames(schema))).toEqual({ GITLAB_URL: null, LOG_LEVEL: 'info' });
    expect(describeSettings({ ENCRYPTION_KEYS_PREVIOUS: [] })).toEqual({ ENCRYPTION_KEYS_PREVIOUS: null });
  });

  it('hides a token given as the only user-info of a URL', () => {
    expect(describeSettings({ MATTERMOST_URL: 'https://tok3n@mm.example.com' })).toEqual({
      MATTERMOST_URL: 'https://***@mm.example.com',
    });
  });
});
