import { type PipelineEvent } from '@chatops/gitlab';
import { type ChatAttachment, type ChatMessage, markdownLink, stripMarkup } from '@chatops/chat';
import { firstLine, refPath } from './text';

/** GitLab shows at most this many failed jobs, then "and N more" (MAX_VISIBLE_JOBS). */
const MAX_VISIBLE_JOBS = 10;

type Field = NonNullable<ChatAttachment['fields']>[number];
type Build = PipelineEvent['builds'][number];

/**
 * What GitLab reads from its database for this message and the webhook lacks; the notifier fetches
 * them through the REST API when it can. Each one missing degrades to what the payload has.
 */
export interface PipelineExtras {
  /** The commit's title (GitLab's Commit#title); default: payload `commit.title` or the message's first line. */
  commitTitle?: string;
  /** The committer's GitLab profile URL (`author_link`); omitted without it. */
  committerProfileUrl?: string;
  /** The pipeline's CI config errors; the "Invalid CI config YAML file" field shows only with them. */
  yamlErrors?: string;
  /** The project's absolute avatar URL (`footer_icon`); default: payload `project.avatar_url` if absolute. */
  projectAvatarUrl?: string;
}

/**
 * GitLab's pipeline notification (PipelineMessage): an empty text and one attachment that carries
 * everything, GitLab's summary line going into its `fallback`. Always returns a message: whether a
 * status notifies at all (only `success`/`failed`, broken-only, ref filters) is the notifier's call.
 */
export function buildPipelineMessage(event: PipelineEvent, extras: PipelineExtras = {}): ChatMessage {
  const attrs = event.object_attributes;
  const projectUrl = event.project.web_url;
  const refType = attrs.tag ? 'tag' : 'branch';
  const refUrl = `${projectUrl}/-/${attrs.tag ? 'tags' : 'commits'}/${refPath(attrs.ref)}`;
  const refLink = markdownLink(attrs.ref, refUrl);
  const failedJobs = actuallyFailedJobs(event.builds);
  const failedStages = [...new Set(failedJobs.map((job) => job.stage))];
  const failuresUrl = `${projectUrl}/-/pipelines/${attrs.id}/failures`;
  // GitLab links the pipeline (and every failed stage) to its failures tab when a job failed.
  const pipelineUrl = failedJobs.length > 0 ? failuresUrl : `${projectUrl}/-/pipelines/${attrs.id}`;
  const status = humanizedStatus(attrs.status, attrs.detailed_status);
  const duration = formatDuration(attrs.duration ?? 0);
  const author = stripMarkup(combinedName(event.user));

  const summary =
    `${markdownLink(event.project.name, projectUrl)}: Pipeline ${markdownLink(`#${attrs.id}`, pipelineUrl)} ` +
    `of ${refType} ${refLink} by ${author} ${status} in ${duration}`;

  const fields: Field[] = [
    { title: attrs.tag ? 'Tag' : 'Branch', value: refLink, short: true },
    { title: 'Commit', value: commitLink(event, extras.commitTitle), short: true },
  ];
  if (failedStages.length > 0) {
    const value = failedStages.map((stage) => markdownLink(stage, pipelineUrl)).join(', ');
    fields.push({ title: pluralize('Failed stage', failedStages.length), value, short: true });
  }
  if (failedJobs.length > 0) {
    fields.push({
      title: pluralize('Failed job', failedJobs.length),
      value: failedJobsLinks(failedJobs, projectUrl, failuresUrl),
      short: true,
    });
  }
  if (extras.yamlErrors) {
    // GitLab's own diagnostics, quoting the file: shown as written (the renderer keeps any Slack
    // syntax or mention in them literal).
    fields.push({ title: 'Invalid CI config YAML file', value: extras.yamlErrors, short: false });
  }
  if (attrs.name) {
    // GitLab shows the name raw; ours is stripped like every other user-written label because
    // renderers turn markdown links in field values into live links.
    fields.push({ title: 'Pipeline name', value: stripMarkup(attrs.name), short: false });
  }

  const attachment: ChatAttachment = {
    fallback: summary,
    color: attachmentColor(attrs.status, attrs.detailed_status),
    authorName: author,
    title: `Pipeline #${attrs.id} ${status} in ${duration}`,
    titleLink: pipelineUrl,
    fields,
    footer: event.project.name,
  };
  if (event.user?.avatar_url) attachment.authorIcon = event.user.avatar_url;
  // GitLab links the author only when both a user and the commit's committer are known.
  if (event.user && extras.committerProfileUrl) attachment.authorLink = extras.committerProfileUrl;
  const footerIcon = extras.projectAvatarUrl ?? event.project.avatar_url;
  if (footerIcon && /^https?:\/\//i.test(footerIcon)) attachment.footerIcon = footerIcon;
  const ts = attrs.finished_at ? epochSeconds(attrs.finished_at) : undefined;
  if (ts !== undefined) attachment.ts = ts;

  return { text: '', attachments: [attachment] };
}

/**
 * GitLab's pretty_duration: `Time.at(seconds).utc.strftime('%M:%S')`, or `'%H:%M:%S'` from one hour
 * (63 → `01:03`, 7210 → `02:00:10`). `%H` is the hour of the day, so GitLab shows 25 hours as `01:00:00`;
 * we keep that. Fractions are dropped like Ruby's `to_i`; negative values (never sent) count as 0.
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.trunc(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const minutesAndSeconds = `${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  return total < 3600 ? minutesAndSeconds : `${pad(Math.floor(total / 3600) % 24)}:${minutesAndSeconds}`;
}

/** Failed jobs without a successful retry, one per name (the first listed), in reverse order. */
function actuallyFailedJobs(builds: Build[]): Build[] {
  const succeeded = new Set(builds.filter((b) => b.status === 'success').map((b) => b.name));
  const seen = new Set<string>();
  const failed = builds.filter((b) => {
    if (b.status !== 'failed' || succeeded.has(b.name) || seen.has(b.name)) return false;
    seen.add(b.name);
    return true;
  });
  return failed.reverse();
}

function failedJobsLinks(jobs: Build[], projectUrl: string, failuresUrl: string): string {
  const links = jobs.slice(0, MAX_VISIBLE_JOBS).map((job) => markdownLink(job.name, `${projectUrl}/-/jobs/${job.id}`));
  const hidden = jobs.length - MAX_VISIBLE_JOBS;
  if (hidden > 0) links.push(`and [${hidden} more](${failuresUrl})`);
  return links.join(', ');
}

function humanizedStatus(status: string, detailedStatus: string | null | undefined): string {
  if (status === 'success')
    return detailedStatus === 'passed with warnings' ? 'has passed with warnings' : 'has passed';
  if (status === 'failed') return 'has failed';
  return status;
}

function attachmentColor(status: string, detailedStatus: string | null | undefined): string {
  if (status !== 'success') return 'danger';
  return detailedStatus === 'passed with warnings' ? 'warning' : 'good';
}

/** "Full Name (username)", just the username without a full name, "API" without a user. */
function combinedName(user: PipelineEvent['user']): string {
  if (!user) return 'API';
  return user.name?.trim() ? `${user.name} (${user.username})` : user.username;
}

/**
 * GitLab links the commit's title to its page. Without a commit in the payload (GitLab itself would
 * fail here) we link the pipeline's sha, so the message still goes out.
 */
function commitLink(event: PipelineEvent, fetchedTitle: string | undefined): string {
  const { commit } = event;
  const sha = event.object_attributes.sha;
  const url = commit?.url ?? `${event.project.web_url}/-/commit/${sha}`;
  const title = fetchedTitle ?? commit?.title ?? (commit ? commitTitle(commit.message) : sha.slice(0, 8));
  return markdownLink(title, url);
}

/** GitLab's Commit#title: the first line, cut to 80 characters plus "..." at a word when 100 or longer. */
function commitTitle(message: string): string {
  const line = message.trim() === '' ? 'No commit message' : firstLine(message.replace(/\r/g, '\n'));
  if (line.length < 100) return line;
  const cut = line.lastIndexOf(' ', 78);
  return `${line.slice(0, cut >= 0 ? cut : 78)}...`;
}

/** Rails' String#pluralize for the two field titles GitLab pluralises. */
function pluralize(word: string, count: number): string {
  return count === 1 ? word : `${word}s`;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * Ruby's `Time.parse(finished_at).to_i` for the formats GitLab sends ("2016-08-12 15:26:29 UTC",
 * "2019-05-27 11:56:36 -0300", ISO 8601). A time without a zone is read as UTC (GitLab's servers run
 * in UTC); an unreadable one leaves `ts` out instead of failing the notification.
 */
function epochSeconds(text: string): number | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, zone] = match;
  const offset = !zone || /^(z|utc)$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${date}T${time}${offset}`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
