import { isAppError } from '@chatops/errors';
import { type Db, findProjectByPathOrAlias, integrationsOfProject, type Project } from '@chatops/db';
import { isKnownGitlabEvent } from '@chatops/gitlab';
import { type EventExplanation, explainEvent } from '@chatops/integrations';
import { CommandFailed, defineCommand, UsageError } from '../command';
import { readPayload } from '../payload-file';

/** The X-Gitlab-Event GitLab sends with each object_kind, for payloads given without --event. */
const EVENT_OF_KIND: Record<string, string> = {
  push: 'Push Hook',
  tag_push: 'Tag Push Hook',
  issue: 'Issue Hook',
  note: 'Note Hook',
  merge_request: 'Merge Request Hook',
  pipeline: 'Pipeline Hook',
  wiki_page: 'Wiki Page Hook',
  deployment: 'Deployment Hook',
};

export const explain = defineCommand({
  name: 'explain',
  summary: 'Say, integration by integration, whether a GitLab webhook payload would be sent, where, and why not',
  positionals: '<payload.json>',
  options: {
    event: { description: "the X-Gitlab-Event value (default: from the payload's object_kind)" },
    project: { description: "the project (path or alias; default: the payload's project id)" },
  },
  async run(options, { db, print }, positionals) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one payload file');
    const payload = await readPayload(file);
    const event = options.event ?? EVENT_OF_KIND[String(payload['object_kind'])];
    if (!event) throw new UsageError('the payload has no known object_kind: give --event');
    if (!isKnownGitlabEvent(event)) throw new UsageError(`unknown X-Gitlab-Event: ${event}`);
    const project = await projectOf(db, options.project, payload);

    let explanation: EventExplanation;
    try {
      explanation = explainEvent(event, payload, await integrationsOfProject(db, project.id));
    } catch (error) {
      if (isAppError(error)) throw new UsageError(error.message.split('\n')[0] ?? error.message);
      throw error;
    }
    for (const line of describe(explanation, project)) print(line);
    return explanation;
  },
});

async function projectOf(db: Db, named: string | undefined, payload: Record<string, unknown>): Promise<Project> {
  if (named) {
    const project = await findProjectByPathOrAlias(db, named);
    if (!project) throw new CommandFailed(`no project ${named}: add it with project:add`);
    return project;
  }
  const id = Number((payload['project'] as { id?: unknown } | undefined)?.id ?? payload['project_id']);
  if (!Number.isInteger(id)) throw new UsageError('the payload names no project id: give --project');
  const project = await db.project.findUnique({ where: { gitlabProjectId: id } });
  if (!project) throw new CommandFailed(`GitLab project ${id} is not registered: add it with project:add`);
  return project;
}

function describe(explanation: EventExplanation, project: Project): string[] {
  const head = `${explanation.eventName} → ${explanation.kind ?? 'nothing'} for ${project.pathWithNamespace}`;
  if (explanation.nothing) return [head, `  nothing is sent: ${explanation.nothing}`];
  return [
    head,
    ...explanation.integrations.flatMap((i) => [
      `  ${i.name} (${i.destination}):`,
      ...(i.sentTo.length > 0
        ? [`    sent to ${i.sentTo.map((c) => c || "the webhook's own channel").join(', ')}`]
        : []),
      ...i.skipped.map((s) => `    not sent${s.channel ? ` to ${s.channel}` : ''}: ${s.detail} [${s.reason}]`),
    ]),
  ];
}
