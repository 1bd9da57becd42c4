import { type ChatPlatform, type ChatReply, inChannel, markdownLink } from '@chatops/chat';

/**
 * Slack splits messages of about 4 KB; GitLab stays below that with room for the user mention
 * (Rails' `3.5.kilobytes`).
 */
export const CHAT_OUTPUT_BYTE_LIMIT = 3584;

const TOO_LARGE = 'The output is too large to be sent back directly!';
const MATTERMOST_SUCCESS_COLOR = '#00c100';
const MATTERMOST_FAILURE_COLOR = '#e40303';

/** A finished ChatOps job, with what the reply needs about whoever started it. */
export interface FinishedChatJob {
  id: number;
  name: string;
  /** The job's web URL. */
  url: string;
  status: 'success' | 'failed';
  /** The job's chat output (see extractChatOutput); unused when the job failed. */
  output: string;
  /** The Slack user who ran the command, mentioned in the reply. */
  chatUserId: string;
  /** The GitLab user who ran the command, linked in Mattermost's reply. */
  user: { name: string; web_url: string };
}

/**
 * The reply posted to the command's response URL when its job finishes (GitLab's chat
 * responders). Null when a successful job printed nothing: GitLab then sends nothing.
 * The output is shown verbatim, its links unconverted as GitLab leaves them; unlike GitLab's, it
 * can mention no one but the user who ran the job, whom the Slack reply mentions.
 */
export function runFinishedReply(job: FinishedChatJob, platform: ChatPlatform): ChatReply | null {
  if (job.status === 'success' && job.output === '') return null;
  return platform === 'slack' ? slackReply(job) : mattermostReply(job);
}

function slackReply(job: FinishedChatJob): ChatReply {
  const mention = `<@${job.chatUserId}>: `;
  const mentions = [job.chatUserId];
  if (job.status === 'failed')
    return inChannel({ text: mention + markdownLink('Sorry, the build failed!', job.url), mentions });
  if (tooLarge(job.output)) return inChannel({ text: mention + markdownLink(TOO_LARGE, job.url), mentions });
  return inChannel({ text: mention + job.output, verbatim: true, mentions });
}

function mattermostReply(job: FinishedChatJob): ChatReply {
  const startedBy = `ChatOps job started by ${markdownLink(job.user.name, job.user.web_url)}`;
  const fields = [
    { short: true, title: 'ID', value: markdownLink(`#${job.id}`, job.url) },
    { short: true, title: 'Name', value: job.name },
  ];
  if (job.status === 'failed') {
    return inChannel({
      attachments: [{ color: MATTERMOST_FAILURE_COLOR, text: `${startedBy} failed!`, fields }],
      verbatim: true,
    });
  }
  const output = stripAnsiColours(tooLarge(job.output) ? TOO_LARGE : job.output);
  return inChannel({
    verbatim: true,
    attachments: [
      {
        color: MATTERMOST_SUCCESS_COLOR,
        text: `${startedBy} completed successfully`,
        fields: [...fields, { short: false, title: 'Output', value: `\`\`\`shell\n${output}\n\`\`\`` }],
      },
    ],
  });
}

function tooLarge(output: string): boolean {
  return Buffer.byteLength(output, 'utf8') > CHAT_OUTPUT_BYTE_LIMIT;
}

/** Mattermost shows a code block literally, so colour escapes would appear as garbage. */
function stripAnsiColours(output: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
  return output.replace(/\x1b\[[0-9;]*m/g, '');
}
