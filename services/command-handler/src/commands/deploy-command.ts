import { deployNoActionReply, deployStartedReply } from '@chatops/commands';
import { type ProjectCommand } from './context';

interface DeploymentView {
  status: string;
  deployable?: { id: number; name: string; status: string; pipeline?: { id: number } } | null;
}

/**
 * `deploy <from> to <to>`: GitLab plays the manual action of `from`'s last deployment that
 * deploys to `to`. Through the API that action is the `to` deployment still waiting (blocked)
 * in the same pipeline as `from`'s last deployment: one such job is played; among several, the
 * one named `to`; none or an ambiguous choice is GitLab's "no manual action".
 */
export const deploy: ProjectCommand<'deploy'> = async (context, command) => {
  const projectId = context.gitlabProject.id;
  const [environment] = await context.api.Environments.all(projectId, { name: command.from });
  if (!environment) return deployNoActionReply(context.flavour);
  const source = (await context.api.Environments.show(projectId, environment.id)) as unknown as {
    last_deployment?: DeploymentView | null;
  };
  const pipelineId = source.last_deployment?.deployable?.pipeline?.id;
  if (pipelineId === undefined) return deployNoActionReply(context.flavour);

  // A manual job's deployment waits as `blocked` (older GitLab: `created`); its job is `manual`.
  const recent = (await context.api.Deployments.all(projectId, {
    environment: command.to,
    orderBy: 'id',
    sort: 'desc',
    perPage: 100,
    maxPages: 1,
  })) as unknown as DeploymentView[];
  const actions = recent
    .filter((deployment) => deployment.status === 'blocked' || deployment.status === 'created')
    .map((deployment) => deployment.deployable)
    .filter(
      (job): job is NonNullable<DeploymentView['deployable']> =>
        !!job && job.status === 'manual' && job.pipeline?.id === pipelineId,
    );
  const action = actions.length === 1 ? actions[0] : actions.find((job) => job.name === command.to);
  if (!action) return deployNoActionReply(context.flavour);

  const played = (await context.api.Jobs.play(projectId, action.id)) as unknown as { web_url: string };
  return deployStartedReply({ from: command.from, to: command.to, jobUrl: played.web_url }, context.flavour);
};
