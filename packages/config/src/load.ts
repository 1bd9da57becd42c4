import { type z } from 'zod';

export type EnvSource = Record<string, string | undefined>;

/** Thrown at boot when the environment does not satisfy a service's schema; names every bad variable. */
export class ConfigError extends Error {
  readonly problems: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validates an environment against a service's schema. Empty strings count as unset, as
 * orchestrators often render missing values as "". Call once, in main.ts, and pass the result down.
 */
export function loadConfig<S extends z.ZodType>(schema: S, source: EnvSource): z.output<S> {
  const env: EnvSource = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined && value !== '') env[key] = value;

  const result = schema.safeParse(env);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    // A rule across variables (`custom`) says itself why, even about one left at its default.
    const missing = issue.path.length > 0 && env[variable] === undefined && issue.code !== 'custom';
    return { variable, problem: missing ? 'is required but not set' : issue.message };
  });
  throw new ConfigError(problems);
}
