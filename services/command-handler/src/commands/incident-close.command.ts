import { incidentFollowUp } from './incident-follow-up';

export const incidentClose = incidentFollowUp('close', 'incident close', /^incident\s+close$/);
