import { incidentFollowUp } from './incident-follow-up';

export const incidentComment = incidentFollowUp(
  'comment',
  'incident comment <text>',
  /^incident\s+comment\s+(?<text>[\s\S]+)$/,
);
