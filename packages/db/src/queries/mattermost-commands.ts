import { type Db } from '../client';
import { type MattermostCommand } from '../generated/prisma/client';
import { hashSecret } from '../secret-hash';

export interface MattermostCommandInput {
  connectionId: string;
  teamId: string;
  trigger: string;
  /** The token Mattermost generated for the command; only its digest is stored. */
  token: string;
  /** Set for a command that serves one project (a trigger per project); else aliases pick it. */
  projectId?: string | null;
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

export function createMattermostCommand(db: Db, input: MattermostCommandInput): Promise<MattermostCommandView> {
  const { token, ...rest } = input;
  return db.mattermostCommand.create({
    data: { ...rest, trigger: rest.trigger.replace(/^\//, ''), tokenHash: hashSecret(token) },
    select: VIEW,
  });
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
