import { type Db } from '../client';
import { type MattermostCommand, type MattermostConnection } from '../generated/prisma/client';
import { hashSecret } from '../secret-hash';
import { type AuditContext } from './admin-integrations';

export interface MattermostCommandInput {
  connectionId: string;
  teamId: string;
  trigger: string;
  /** The token Mattermost generated for the command; only its digest is stored. */
  token: string;
  /** Set for a command that serves one project (a trigger per project); else aliases pick it. */
  projectId?: string | null;
  /** Mattermost's id of the command when chatops created it there (to delete it there too). */
  remoteId?: string | null;
}

export type MattermostCommandView = Omit<MattermostCommand, 'tokenHash'>;

const VIEW = {
  id: true,
  connectionId: true,
  teamId: true,
  trigger: true,
  projectId: true,
  remoteId: true,
  createdAt: true,
} as const;

export function createMattermostCommand(
  db: Pick<Db, 'mattermostCommand'>,
  input: MattermostCommandInput,
): Promise<MattermostCommandView> {
  const { token, ...rest } = input;
  return db.mattermostCommand.create({
    data: { ...rest, trigger: rest.trigger.replace(/^\//, ''), tokenHash: hashSecret(token) },
    select: VIEW,
  });
}

/** Registers a command and records it (`mattermost_command.create`, never the token) in one transaction. */
export function createAuditedMattermostCommand(
  db: Db,
  input: MattermostCommandInput,
  audit: AuditContext,
): Promise<MattermostCommandView> {
  return db.$transaction(async (tx) => {
    const command = await createMattermostCommand(tx, input);
    const { connectionId, teamId, trigger, projectId, remoteId } = command;
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'mattermost_command.create',
        target: command.id,
        details: { connectionId, teamId, trigger, projectId, remoteId, ...audit.details },
      },
    });
    return command;
  });
}

/** A command with the connection it was registered on (whose token may delete it in Mattermost). */
export type MattermostCommandWithConnection = MattermostCommandView & {
  connection: Pick<MattermostConnection, 'id' | 'name' | 'url' | 'botTokenSealed'>;
};

export function findMattermostCommandWithConnection(
  db: Db,
  id: string,
): Promise<MattermostCommandWithConnection | null> {
  return db.mattermostCommand.findUnique({
    where: { id },
    select: { ...VIEW, connection: { select: { id: true, name: true, url: true, botTokenSealed: true } } },
  });
}

/** The command registered for a trigger in a team of a connection (the three are unique together). */
export function findMattermostCommandByTrigger(
  db: Db,
  key: { connectionId: string; teamId: string; trigger: string },
): Promise<MattermostCommandView | null> {
  return db.mattermostCommand.findUnique({ where: { connectionId_teamId_trigger: key }, select: VIEW });
}

/** A command with the URL of the Mattermost server it was configured on (its replies go back there). */
export type MattermostCommandWithServer = MattermostCommand & { connection: { url: string } };

/** The command a request's token belongs to; the digest is unique, so this is one index probe. */
export function findMattermostCommandByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<MattermostCommandWithServer | null> {
  return db.mattermostCommand.findUnique({ where: { tokenHash }, include: { connection: { select: { url: true } } } });
}

export function findMattermostCommand(db: Db, id: string): Promise<MattermostCommand | null> {
  return db.mattermostCommand.findUnique({ where: { id } });
}

export function listMattermostCommands(db: Db): Promise<MattermostCommandView[]> {
  return db.mattermostCommand.findMany({ select: VIEW, orderBy: { createdAt: 'asc' } });
}

export async function deleteMattermostCommand(db: Db, id: string): Promise<boolean> {
  return (await db.mattermostCommand.deleteMany({ where: { id } })).count > 0;
}
