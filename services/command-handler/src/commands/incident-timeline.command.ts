import { incidentFollowUp } from './incident-follow-up';

export const incidentTimeline = incidentFollowUp(
  'timeline',
  'incident timeline <text>',
  /^incident\s+timeline\s+(?<text>[\s\S]+)$/,
);
