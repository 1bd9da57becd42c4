import { type JobHandler, type QueueName } from '@chatops/jobs';
import { closeDeclareForm } from './declare/close-declare-form';
import { openDeclareForm } from './declare/open-declare-form';
import { submitDeclareForm } from './declare/submit-declare-form';
import { switchDeclareProject } from './declare/switch-declare-project';
import { chooseIncident } from './follow-up/choose-incident';
import { requestFollowUp } from './follow-up/request-follow-up';
import { type IncidentDeps } from './incident-deps';

/** One incident action from chat: each kind has its own module. */
export function incidentJobHandler(deps: IncidentDeps): JobHandler<typeof QueueName.Incidents> {
  return async (job, { log }) => {
    const { action } = job;
    switch (action.kind) {
      case 'declare_requested':
        return openDeclareForm(deps, job, action, log);
      case 'form_submitted':
        return submitDeclareForm(deps, job, action, log);
      case 'form_closed':
        return closeDeclareForm(deps, job, action, log);
      case 'form_project_switched':
        return switchDeclareProject(deps, job, action, log);
      case 'follow_up_requested':
        return requestFollowUp(deps, job, action, log);
      case 'incident_chosen':
        return chooseIncident(deps, job, action, log);
    }
  };
}
