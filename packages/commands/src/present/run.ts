import { markdownLink } from '@chatops/messages';
import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';
import { rubyInspect } from './ruby-inspect';

/** The CI job that `run` created. */
export interface ScheduledJob {
  id: number;
  /** The job's web URL. */
  url: string;
}

/**
 * `run`: the job is created; its output follows when it finishes. Slack gets an empty message
 * in the channel, so the channel still sees the command without a "scheduled" notice;
 * Mattermost tells the user which job was created.
 */
export function runScheduledReply(job: ScheduledJob, flavour: ChatFlavour): CommandReply {
  if (flavour === 'slack') return { response_type: 'in_channel', text: '' };
  return ephemeral({ text: `Your ChatOps job ${markdownLink(`#${job.id}`, job.url)} has been created!` }, flavour);
}

/**
 * `run`: no pipeline could be created, most often because `.gitlab-ci.yml` has no such job.
 * The job name is quoted as GitLab quotes it (Ruby's `inspect`). The same text in both chats and
 * not link-formatted: it holds no links of ours, only the name the user typed, shown as typed.
 */
export function runNotScheduledReply(jobName: string, _flavour: ChatFlavour): CommandReply {
  return {
    response_type: 'ephemeral',
    text:
      'The command could not be scheduled. Make sure that your project has a .gitlab-ci.yml ' +
      `that defines a job with the name ${rubyInspect(jobName)}`,
  };
}

/** `run` from a chat whose replies cannot be delivered (no response URL). Same text in both chats. */
export function runUnsupportedReply(_flavour: ChatFlavour): CommandReply {
  return { response_type: 'ephemeral', text: 'Sorry, this chat service is currently not supported by GitLab ChatOps.' };
}
