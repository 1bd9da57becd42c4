import { type IntegrationWithDestination } from '@chatops/db';

/**
 * An integration as routing reads it, with GitLab's defaults for a new one except the branch
 * filter (all branches), for unit tests; `routes` name the events it notifies.
 */
export function integration(
  overrides: Partial<Omit<IntegrationWithDestination, 'routes'>> & {
    routes: Array<{ event: string; channels?: string[] }>;
  },
): IntegrationWithDestination {
  const { routes, ...rest } = overrides;
  const id = rest.id ?? 'i1';
  return {
    id,
    name: id,
    active: true,
    destination: 'slack_bot',
    defaultChannel: 'general',
    confidentialChannels: [],
    branchesToBeNotified: 'all',
    branchInclude: [],
    branchExclude: [],
    labelsToBeNotified: [],
    labelsBehavior: 'match_any',
    labelsExclude: [],
    notifyOnlyBrokenPipelines: true,
    notifyOnlyWhenPipelineStatusChanges: false,
    ...rest,
    routes: routes.map((r) => ({ integrationId: id, event: r.event, channels: r.channels ?? [] })),
  } as IntegrationWithDestination;
}
