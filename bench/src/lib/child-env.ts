/**
 * A setting of a process the bench starts (the bare route, the bare worker, the load generator):
 * they take everything from the environment the scenario gives them, and one missing is a bug in
 * the scenario, not something to default.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
