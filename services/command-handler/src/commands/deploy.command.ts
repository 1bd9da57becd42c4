import { type ChatReply, ephemeral, inChannel, markdownLink, stripMarkup } from '@chatops/chat';
import { type ApiJob } from '@chatops/gitlab';
import { defineCommand, matchPattern, type ProjectCommandContext } from './slash-command';

const DEPLOY = /^deploy\s+(?<from>\S+[^\n]*)\s+to+\s+(?<to>\S+[^\n]*)$/;

export const deploy = defineCommand<{ from: string; to: string }>({
  name: 'deploy',
  usage: 'deploy <environment> to <target-environment>',
  offered: 'builds',
  scope: 'project',
  match: (text) => matchPattern(DEPLOY, text, (g) => ({ from: g.from ?? '', to: g.to ?? '' })),
  async run(context, { from, to }) {
    const action = await findDeployAction(context, from, to);
    if (!action) return deployNoActionReply();
    const played = await context.gitlab.playJob(context.gitlabProject.id, action.id);
    return deployStartedReply({ from, to, jobUrl: played.web_url });
  },
});

/**
 * GitLab plays the manual action of `from`'s last deployment that deploys to `to`. Through the
 * API that action is the `to` deployment still waiting (blocked) in the same pipeline as `from`'s
 * last deployment: one such job is played; among several, the one named `to`; none or an
 * ambiguous choice is GitLab's "no manual action".
 */
async function findDeployAction(context: ProjectCommandContext, from: string, to: string): Promise<ApiJob | null> {
  const projectId = context.gitlabProject.id;
  const [environment] = await context.gitlab.environmentsNamed(projectId, from);
  if (!environment) return null;
  const source = await context.gitlab.environment(projectId, environment.id);
  const pipelineId = source.last_deployment?.deployable?.pipeline?.id;
  if (pipelineId === undefined) return null;

  // A manual job's deployment waits as `blocked` (older GitLab: `created`); its job is `manual`.
  const recent = await context.gitlab.recentDeployments(projectId, to);
  const actions = recent
    .filter((deployment) => deployment.status === 'blocked' || deployment.status === 'created')
    .map((deployment) => deployment.deployable)
    .filter((job): job is ApiJob => !!job && job.status === 'manual' && job.pipeline?.id === pipelineId);
  return (actions.length === 1 ? actions[0] : actions.find((job) => job.name === to)) ?? null;
}

/** The deployment to show after `deploy <from> to <to>` started its manual job. */
export interface StartedDeployment {
  from: string;
  to: string;
  /** The web URL of the job that deploys. */
  jobUrl: string;
}

/** `deploy`: the deployment job started; the channel gets a link to follow it. */
export function deployStartedReply(deployment: StartedDeployment): ChatReply {
  // The environment names come from the user's text.
  const from = stripMarkup(deployment.from);
  const to = stripMarkup(deployment.to);
  const progress = markdownLink('Follow its progress', deployment.jobUrl);
  return inChannel({ text: `Deployment started from ${from} to ${to}. ${progress}.` });
}

/** `deploy`: no single manual action deploys from that environment to the target. */
export function deployNoActionReply(): ChatReply {
  return ephemeral({ text: "Couldn't find a deployment manual action." });
}
