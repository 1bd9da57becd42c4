import { z } from 'zod';
import { ConfigError, loadConfig } from './load';
import {
  commonEnvShape,
  flag,
  gitlabOAuthComplete,
  gitlabOAuthEnvShape,
  originList,
  outboundEnvShape,
  port,
  publicUrl,
  redisClusterRule,
  redisHashTag,
} from './fields';

const KEY_HEX = 'a'.repeat(64);
const schema = z.object({
  ...commonEnvShape,
  GATEWAY_PORT: port(3000),
  PUBLIC_URL: publicUrl(),
  VERBOSE: flag(false),
  ORIGINS: originList(['https://hooks.example.com']),
  ...outboundEnvShape,
});
const valid = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
  ENCRYPTION_KEY: KEY_HEX,
  PUBLIC_URL: 'https://chat.example.com/',
};

function problemsOf(source: Record<string, string | undefined>): Record<string, string> {
  try {
    loadConfig(schema, source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and decodes typed values', () => {
    const env = loadConfig(schema, { ...valid, GATEWAY_PORT: '8080', VERBOSE: '1' });
    expect(env.GATEWAY_PORT).toBe(8080);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.QUEUE_PREFIX).toBe('chatops');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.VERBOSE).toBe(true);
    expect(env.PUBLIC_URL).toBe('https://chat.example.com');
    expect(env.ENCRYPTION_KEY).toEqual(Buffer.alloc(32, 0xaa));
  });

  it('reads an origin list as origins, defaults it, and names an entry that is not an http(s) URL', () => {
    expect(loadConfig(schema, valid).ORIGINS).toEqual(['https://hooks.example.com']);
    expect(
      loadConfig(schema, { ...valid, ORIGINS: ' https://a.example/path/ , http://127.0.0.1:9000' }).ORIGINS,
    ).toEqual(['https://a.example', 'http://127.0.0.1:9000']);
    // Empty, like every variable here, means unset.
    expect(loadConfig(schema, { ...valid, ORIGINS: '' }).ORIGINS).toEqual(['https://hooks.example.com']);
    expect(problemsOf({ ...valid, ORIGINS: 'https://a.example,file:///etc/passwd' })).toEqual({
      ORIGINS: 'file:///etc/passwd is not an http(s) URL',
    });
  });

  it('refuses every internal target unless OUTBOUND_ALLOWED_HOSTS lets it through, and names entries it cannot read', () => {
    const strict = loadConfig(schema, valid).OUTBOUND_ALLOWED_HOSTS;
    expect(strict.refusalOfUrl('http://10.1.2.3/hook')?.kind).toBe('private');
    const allowed = loadConfig(schema, { ...valid, OUTBOUND_ALLOWED_HOSTS: 'mattermost.internal,10.0.0.0/8' });
    expect(allowed.OUTBOUND_ALLOWED_HOSTS.refusalOfUrl('http://10.1.2.3/hook')).toBeUndefined();
    expect(allowed.OUTBOUND_ALLOWED_HOSTS.allowsName('mattermost.internal')).toBe(true);
    expect(problemsOf({ ...valid, OUTBOUND_ALLOWED_HOSTS: 'ok.example,bad host,10.0.0.0/40' })).toEqual({
      OUTBOUND_ALLOWED_HOSTS:
        'bad host is neither a host name, an IP address nor a CIDR; 10.0.0.0/40 is neither a host name, an IP address nor a CIDR',
    });
  });

  it('accepts a base64 encryption key', () => {
    const env = loadConfig(schema, { ...valid, ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(env.ENCRYPTION_KEY).toEqual(Buffer.alloc(32, 7));
  });

  it('reads previous encryption keys as a list, empty by default, naming a bad entry by position only', () => {
    expect(loadConfig(schema, valid).ENCRYPTION_KEYS_PREVIOUS).toEqual([]);
    const two = `${'b'.repeat(64)}, ${Buffer.alloc(32, 7).toString('base64')}`;
    expect(loadConfig(schema, { ...valid, ENCRYPTION_KEYS_PREVIOUS: two }).ENCRYPTION_KEYS_PREVIOUS).toEqual([
      Buffer.alloc(32, 0xbb),
      Buffer.alloc(32, 7),
    ]);
    expect(problemsOf({ ...valid, ENCRYPTION_KEYS_PREVIOUS: `${'b'.repeat(64)},sh0rt` })).toEqual({
      ENCRYPTION_KEYS_PREVIOUS: 'entry 2 must be 32 bytes, as 64 hex characters or base64',
    });
  });

  it('names each missing variable', () => {
    expect(problemsOf({ PUBLIC_URL: 'https://x.example' })).toEqual({
      DATABASE_URL: 'is required but not set',
      ENCRYPTION_KEY: 'is required but not set',
    });
  });

  it('treats empty strings as unset', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: '' })).toEqual({ DATABASE_URL: 'is required but not set' });
  });

  it('names each malformed variable', () => {
    const problems = problemsOf({
      ...valid,
      DATABASE_URL: 'mysql://x@y/z',
      REDIS_URL: 'not a url',
      GATEWAY_PORT: '70000',
      ENCRYPTION_KEY: 'short',
      LOG_LEVEL: 'loud',
    });
    expect(Object.keys(problems).sort()).toEqual([
      'DATABASE_URL',
      'ENCRYPTION_KEY',
      'GATEWAY_PORT',
      'LOG_LEVEL',
      'REDIS_URL',
    ]);
    expect(problems.ENCRYPTION_KEY).toMatch(/32 bytes/);
  });

  it('requires https for a public URL, except on loopback, alongside other problems', () => {
    expect(problemsOf({ ...valid, PUBLIC_URL: 'http://chat.example.com', GATEWAY_PORT: '0' })).toEqual({
      PUBLIC_URL: 'must use https unless the host is localhost or 127.0.0.1',
      GATEWAY_PORT: expect.any(String),
    });
    expect(loadConfig(schema, { ...valid, PUBLIC_URL: 'http://127.0.0.1:3000' }).PUBLIC_URL).toBe(
      'http://127.0.0.1:3000',
    );
  });
});

describe('GitLab OAuth variables', () => {
  const oauthSchema = z.object({ ...gitlabOAuthEnvShape }).superRefine(gitlabOAuthComplete);
  const problems = (source: Record<string, string>) => {
    try {
      loadConfig(oauthSchema, source);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((p) => p.variable).sort();
    }
  };

  it('may be left out entirely, or GITLAB_URL set alone (notifications use it)', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ GITLAB_URL: 'https://gitlab.example.com' })).toEqual([]);
  });

  it('needs the client id and secret together, and GITLAB_URL with them', () => {
    expect(problems({ GITLAB_OAUTH_CLIENT_ID: 'id' })).toEqual(['GITLAB_OAUTH_CLIENT_SECRET', 'GITLAB_URL']);
    expect(problems({ GITLAB_OAUTH_CLIENT_SECRET: 'secret', GITLAB_URL: 'https://gitlab.example.com' })).toEqual([
      'GITLAB_OAUTH_CLIENT_ID',
    ]);
    expect(
      problems({
        GITLAB_OAUTH_CLIENT_ID: 'id',
        GITLAB_OAUTH_CLIENT_SECRET: 'secret',
        GITLAB_URL: 'https://gitlab.example.com',
      }),
    ).toEqual([]);
  });
});

describe('Redis Cluster and PgBouncer settings', () => {
  const clusterSchema = z.object({ ...commonEnvShape }).superRefine(redisClusterRule);

  it('accepts a QUEUE_PREFIX with one hash tag, and refuses braces that make none', () => {
    expect(loadConfig(clusterSchema, { ...valid, QUEUE_PREFIX: '{chatops}' }).QUEUE_PREFIX).toBe('{chatops}');
    expect(loadConfig(clusterSchema, { ...valid, QUEUE_PREFIX: 'prod:{chatops}:v2' }).QUEUE_PREFIX).toBe(
      'prod:{chatops}:v2',
    );
    for (const prefix of ['{}', '{a}{b}', 'chat{ops', 'chat}ops', '{a b}', 'a*b'])
      expect(problemsOf({ ...valid, QUEUE_PREFIX: prefix })).toEqual({
        QUEUE_PREFIX: 'may hold only letters, digits, ":", "_" and "-", and one hash tag in braces such as {chatops}',
      });
  });

  it('connects to one Redis by default, and needs a hash-tagged prefix and database 0 on a cluster', () => {
    expect(loadConfig(clusterSchema, valid).REDIS_CLUSTER).toBe(false);
    const cluster = { ...valid, REDIS_CLUSTER: 'true', REDIS_URL: 'redis://redis-0.redis:6379' };
    const problems = (source: Record<string, string>) => {
      try {
        loadConfig(clusterSchema, source);
        return {};
      } catch (error) {
        return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.problem]));
      }
    };
    expect(problems(cluster)).toEqual({
      QUEUE_PREFIX: 'must carry a hash tag such as {chatops} when REDIS_CLUSTER is true (docs/scale-out.md)',
    });
    expect(problems({ ...cluster, QUEUE_PREFIX: '{chatops}' })).toEqual({});
    expect(problems({ ...cluster, QUEUE_PREFIX: '{chatops}', REDIS_URL: 'redis://redis-0.redis:6379/0' })).toEqual({});
    expect(problems({ ...cluster, QUEUE_PREFIX: '{chatops}', REDIS_URL: 'redis://redis-0.redis:6379/2' })).toEqual({
      REDIS_URL: 'must name database 0 or none when REDIS_CLUSTER is true: a cluster has no other',
    });
  });

  it('finds the hash tag the way Redis Cluster does', () => {
    expect(redisHashTag('{chatops}:events:wait')).toBe('chatops');
    expect(redisHashTag('a{b}c{d}')).toBe('b');
    expect(redisHashTag('{}{chatops}')).toBeUndefined();
    expect(redisHashTag('chatops:events:wait')).toBeUndefined();
  });

  it('names prepared statements unless told not to (behind PgBouncer in transaction mode)', () => {
    expect(loadConfig(schema, valid).DATABASE_PREPARED_STATEMENTS).toBe(true);
    expect(loadConfig(schema, { ...valid, DATABASE_PREPARED_STATEMENTS: 'false' }).DATABASE_PREPARED_STATEMENTS).toBe(
      false,
    );
  });
});
