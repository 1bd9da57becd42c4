import { type DeploymentEvent, projectFullName } from '@chatops/gitlab';
import { type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { DEFAULT_ATTACHMENT_COLOR, userCombinedName } from './text';

/**
 * GitLab's deployment notification (DeploymentMessage): "Starting deploy to <env>" while running,
 * else "Deploy to <env> succeeded|failed|canceled|<status>", with the project, job, user and
 * commit in a status-coloured attachment. Every deployment status notifies; the branch filter
 * (`ref`) is applied by the caller, as GitLab does before building the message.
 */
export function buildDeploymentMessage(event: DeploymentEvent): ChatMessage {
  const environment = stripMarkup(event.environment);
  const text =
    event.status === 'running'
      ? `Starting deploy to ${environment}`
      : `Deploy to ${environment} ${event.status === 'success' ? 'succeeded' : event.status}`;

  const projectLink = markdownLink(projectFullName(event.project), event.project.web_url);
  const name = userCombinedName(event.user);
  const user = event.user_url ? markdownLink(name, event.user_url) : stripMarkup(name);
  const commit = markdownLink(event.short_sha, event.commit_url);
  const description = `${projectLink}${jobText(event)} by ${user}\n${commit}: ${stripMarkup(event.commit_title ?? '')}`;
  return { text, attachments: [{ text: description, color: statusColor(event.status) }] };
}

/**
 * " with job [#<id>](<job url>)". Deployments made through the API or a trigger have no job:
 * GitLab then interpolates nil and posts a broken "[#796]()" or "[#]()"; we show the bare job
 * number, or leave the job out, instead.
 */
function jobText(event: DeploymentEvent): string {
  if (event.deployable_id === null || event.deployable_id === undefined) return '';
  const label = `#${event.deployable_id}`;
  return ` with job ${event.deployable_url ? markdownLink(label, event.deployable_url) : label}`;
}

function statusColor(status: string): string {
  switch (status) {
    case 'success':
      return 'good';
    case 'canceled':
      return 'warning';
    case 'failed':
      return 'danger';
    default:
      return DEFAULT_ATTACHMENT_COLOR;
  }
}
