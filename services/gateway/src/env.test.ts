import { ConfigError, loadConfig } from '@chatops/config';
import { gatewayEnvSchema } from './env';

const required = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db',
  ENCRYPTION_KEY: 'a'.repeat(64),
  ADMIN_TOKEN: 'x'.repeat(32),
};

function problemsOf(source: Record<string, string>): Array<{ variable: string; problem: string }> {
  try {
    loadConfig(gatewayEnvSchema, { ...required, ...source });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => ({ variable: p.variable, problem: p.problem }));
    throw error;
  }
  return [];
}

describe('GATEWAY_OPS_PORT', () => {
  it('defaults to 3004, beside the public port 3000', () => {
    const env = loadConfig(gatewayEnvSchema, required);
    expect([env.GATEWAY_PORT, env.GATEWAY_OPS_PORT]).toEqual([3000, 3004]);
  });

  it('must differ from the public port', () => {
    expect(problemsOf({ GATEWAY_PORT: '8080', GATEWAY_OPS_PORT: '8080' })).toEqual([
      { variable: 'GATEWAY_OPS_PORT', problem: 'must differ from GATEWAY_PORT' },
    ]);
    expect(problemsOf({ GATEWAY_OPS_PORT: '3000' })).toHaveLength(1);
    expect(problemsOf({ GATEWAY_OPS_PORT: '9100' })).toEqual([]);
  });
});

describe('gateway rate limits', () => {
  it('default to generous budgets per endpoint and per team, and take fractions of a request a second', () => {
    const env = loadConfig(gatewayEnvSchema, required);
    expect([env.GATEWAY_ENDPOINT_RATE_PER_SECOND, env.GATEWAY_ENDPOINT_BURST]).toEqual([100, 1000]);
    expect([env.GATEWAY_TEAM_RATE_PER_SECOND, env.GATEWAY_TEAM_BURST]).toEqual([20, 100]);
    expect(
      loadConfig(gatewayEnvSchema, { ...required, GATEWAY_TEAM_RATE_PER_SECOND: '0.5' }).GATEWAY_TEAM_RATE_PER_SECOND,
    ).toBe(0.5);
    expect(
      problemsOf({ GATEWAY_ENDPOINT_RATE_PER_SECOND: '0', GATEWAY_TEAM_BURST: '-1' }).map((p) => p.variable),
    ).toEqual(['GATEWAY_ENDPOINT_RATE_PER_SECOND', 'GATEWAY_TEAM_BURST']);
  });
});
