import { type Db } from '../client';

/**
 * Where the configuration counter stands (`chatops_config_version`, moved by a trigger on every
 * statement that changes projects, endpoints, integrations, installations or Mattermost settings).
 * Only equality means anything: a different answer means something changed.
 */
export async function readConfigVersion(db: Db): Promise<string> {
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT last_value::text || CASE WHEN is_called THEN '' ELSE '-' END AS version FROM chatops_config_version`;
  return rows[0]?.version ?? '';
}
