import { type Db } from '../client';
import { type ChatProvider } from '../generated/prisma/enums';
import { type Incident } from '../generated/prisma/client';

export interface IncidentRecord {
  gitlabProjectId: number;
  projectPath: string;
  gitlabIssueIid: number;
  gitlabIssueId: number;
  title: string;
  webUrl: string;
  provider: ChatProvider;
  teamId: string;
  channelId: string | null;
  declaredBy: string;
}

/** Records an incident declared from chat (once: declaring it again updates nothing but the title). */
export function recordIncident(db: Db, incident: IncidentRecord): Promise<Incident> {
  return db.incident.upsert({
    where: {
      gitlabProjectId_gitlabIssueIid: {
        gitlabProjectId: incident.gitlabProjectId,
        gitlabIssueIid: incident.gitlabIssueIid,
      },
    },
    create: incident,
    update: { title: incident.title },
  });
}

/** Remembers the incident's own channel. */
export async function setIncidentChannel(db: Db, id: string, incidentChannelId: string): Promise<void> {
  await db.incident.update({ where: { id }, data: { incidentChannelId } });
}

/** The incident whose own channel this is, if any. */
export function findIncidentByChannel(
  db: Db,
  where: { provider: ChatProvider; teamId: string; channelId: string },
): Promise<Incident | null> {
  return db.incident.findFirst({
    where: { provider: where.provider, teamId: where.teamId, incidentChannelId: where.channelId },
  });
}

/** Where an incident's own channel is: the chat, workspace and channel it was created in. */
export interface IncidentChannel {
  provider: ChatProvider;
  teamId: string;
  channelId: string;
}

/**
 * The channel of its own that an incident (a GitLab issue) has, if chatops recorded one: one
 * lookup by the unique (project, iid) index, for the notifier's incident events.
 */
export async function findIncidentChannel(
  db: Db,
  gitlabProjectId: number,
  gitlabIssueIid: number,
): Promise<IncidentChannel | null> {
  const incident = await db.incident.findUnique({
    where: { gitlabProjectId_gitlabIssueIid: { gitlabProjectId, gitlabIssueIid } },
    select: { provider: true, teamId: true, incidentChannelId: true },
  });
  if (!incident?.incidentChannelId) return null;
  return { provider: incident.provider, teamId: incident.teamId, channelId: incident.incidentChannelId };
}

/** Incidents with a channel of their own in a GitLab project, by issue iid (for notifications). */
export function findIncidentChannels(db: Db, gitlabProjectId: number): Promise<Incident[]> {
  return db.incident.findMany({ where: { gitlabProjectId, incidentChannelId: { not: null } } });
}

export async function markIncidentClosed(
  db: Db,
  where: { gitlabProjectId: number; gitlabIssueIid: number },
  closedAt: Date,
): Promise<void> {
  await db.incident.updateMany({ where: { ...where, closedAt: null }, data: { closedAt } });
}
