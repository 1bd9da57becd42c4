import { AppError, ErrorCode } from '@chatops/errors';
import { type IncidentAction, type IncidentJob } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type IncidentDeps } from '../incident-deps';

type FollowUpRequested = Extract<IncidentAction, { kind: 'follow_up_requested' }>;
type IncidentChosen = Extract<IncidentAction, { kind: 'incident_chosen' }>;

// Being built on its own branch (comment, timeline, close with the incident chooser).
export async function requestFollowUp(
  _deps: IncidentDeps,
  _job: IncidentJob,
  _action: FollowUpRequested,
  _log: Logger,
): Promise<void> {
  throw new AppError(ErrorCode.NotImplemented, 'incident follow-ups are not implemented yet');
}

export async function chooseIncident(
  _deps: IncidentDeps,
  _job: IncidentJob,
  _action: IncidentChosen,
  _log: Logger,
): Promise<void> {
  throw new AppError(ErrorCode.NotImplemented, 'incident follow-ups are not implemented yet');
}
