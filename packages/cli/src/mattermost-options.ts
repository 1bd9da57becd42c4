import { MattermostSlashCommands } from '@chatops/chat';
import { type Db, findProjectByPathOrAlias, type MattermostConnection, type Project } from '@chatops/db';
import { listMattermostTeams, type MattermostSetupDeps } from '@chatops/integrations';
import { OutboundGuard } from '@chatops/outbound';
import { UsageError } from './command';
import { type CliContext } from './context';

/** A Mattermost id: 26 lower-case letters and digits. */
const MATTERMOST_ID = /^[a-z0-9]{26}$/;

export async function connectionNamed(db: Db, name: string): Promise<MattermostConnection> {
  const connection = await db.mattermostConnection.findUnique({ where: { name } });
  if (!connection) throw new UsageError(`no Mattermost connection named ${name} (see mattermost:connection:list)`);
  return connection;
}

export async function projectNamed(db: Db, pathOrAlias: string | undefined): Promise<Project | null> {
  if (pathOrAlias === undefined) return null;
  const project = await findProjectByPathOrAlias(db, pathOrAlias);
  if (!project) throw new UsageError(`no project ${pathOrAlias}`);
  return project;
}

/**
 * Runs `work` with what the Mattermost setup commands act with: the CLI's database and key, and a
 * Mattermost client whose connections OUTBOUND_ALLOWED_HOSTS governs, as the gateway's do.
 */
export async function withSetupDeps<T>(
  { db, box, publicUrl, outbound: policy }: CliContext,
  work: (deps: MattermostSetupDeps) => Promise<T>,
): Promise<T> {
  const outbound = new OutboundGuard(policy);
  try {
    return await work({ db, box, publicUrl, mattermost: new MattermostSlashCommands({ outbound }) });
  } finally {
    await outbound.close();
  }
}

/** `--team`: a team id as it is, else a team of the connection's token by name or display name. */
export async function teamIdOf(
  deps: Pick<MattermostSetupDeps, 'box' | 'mattermost'>,
  connection: MattermostConnection,
  team: string,
): Promise<string> {
  if (MATTERMOST_ID.test(team)) return team;
  const teams = await listMattermostTeams(deps, connection);
  const found = teams.find((t) => [t.name, t.displayName].some((n) => n.toLowerCase() === team.toLowerCase()));
  if (!found)
    throw new UsageError(
      `no team ${team} among the teams of ${connection.name}'s token: ${teams.map((t) => `${t.name} (${t.id})`).join(', ') || 'none'}`,
    );
  return found.id;
}
