import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';
import { creationCancelledReply } from '../replies';
import { tell } from '../tell';

type FormClosed = Extract<IncidentAction, { kind: 'form_closed' }>;

/** The user closed the declare form (GitLab's IncidentModalClosedService). */
export async function closeDeclareForm(
  deps: IncidentDeps,
  job: IncidentJob,
  action: FormClosed,
  log: Logger,
): Promise<void> {
  const session = await deps.forms.load(action.formId);
  if (!session || session.state.userId !== job.userId) return;
  await deps.forms.forget(action.formId);
  await tell(
    deps,
    { provider: session.state.platform, responseUrl: session.state.responseUrl },
    creationCancelledReply(),
    log,
  );
}
