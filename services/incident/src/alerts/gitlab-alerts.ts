import { type GitLabApi } from '@chatops/gitlab';
import { z } from 'zod';

/** An alert as GitLab's GraphQL `AlertManagementAlert` gives it (enums upper case, times ISO). */
const alertNodeSchema = z.object({
  iid: z.coerce.number().int().positive(),
  title: z.string().nullish(),
  severity: z.string().nullish(),
  status: z.string().nullish(),
  startedAt: z.string().nullish(),
  createdAt: z.string().nullish(),
  eventCount: z.number().int().nonnegative().nullish(),
  webUrl: z.string(),
});
export type GitLabAlert = z.infer<typeof alertNodeSchema>;

const alertsAnswerSchema = z.object({
  project: z
    .object({
      nameWithNamespace: z.string(),
      alertManagementAlerts: z.object({
        nodes: z.array(alertNodeSchema),
        pageInfo: z.object({ endCursor: z.string().nullish(), hasNextPage: z.boolean() }),
      }),
    })
    .nullable(),
});

// Newest first: the poller reads from the top down to the last alert it saw.
const ALERTS = `query($fullPath: ID!, $first: Int!, $after: String) {
  project(fullPath: $fullPath) {
    nameWithNamespace
    alertManagementAlerts(sort: CREATED_DESC, first: $first, after: $after) {
      nodes { iid title severity status startedAt createdAt eventCount webUrl }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

export interface AlertPage {
  /** The project's full name ("Group / Project"), as GitLab's alert message names it. */
  projectName: string;
  /** Newest first. */
  alerts: GitLabAlert[];
  /** Where the next (older) page starts; null on the last page. */
  after: string | null;
}

/**
 * One page of a project's alerts, newest first. GitLab lists alerts only to Developers and above
 * (`read_alert_management_alert`): a token below that sees an empty list, not an error. A project
 * the token cannot see at all is an error.
 */
export async function fetchAlertPage(
  gitlab: GitLabApi,
  fullPath: string,
  page: { first: number; after?: string | null },
): Promise<AlertPage> {
  const answer = alertsAnswerSchema.parse(
    await gitlab.graphql(ALERTS, { fullPath, first: page.first, after: page.after ?? null }),
  );
  if (!answer.project) throw new Error(`GitLab shows no project ${fullPath} to this token`);
  const { nodes, pageInfo } = answer.project.alertManagementAlerts;
  return {
    projectName: answer.project.nameWithNamespace,
    alerts: nodes,
    after: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null,
  };
}
