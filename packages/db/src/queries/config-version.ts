import { type SqlPool } from '../client';

/**
 * Where the configuration counter stands (`chatops_config_version`, moved by a trigger on every
 * statement that changes projects, endpoints, integrations, installations or Mattermost settings).
 * Only equality means anything: a different answer means something changed. Read through the raw
 * pool, not Prisma: services ask every second, and a service that is otherwise idle would load
 * Prisma's query compiler (≈ 30 MB resident) for this one statement (docs/benchmarks.md).
 */
export async function readConfigVersion(sql: Pick<SqlPool, 'query'>): Promise<string> {
  const { rows } = await sql.query<{ version: string }>(
    "SELECT last_value::text || CASE WHEN is_called THEN '' ELSE '-' END AS version FROM chatops_config_version",
  );
  return rows[0]?.version ?? '';
}
