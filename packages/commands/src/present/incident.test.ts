import { incidentsNotConfiguredReply } from './incident';

describe('incidentsNotConfiguredReply', () => {
  it('tells the user incidents are not set up', () => {
    expect(incidentsNotConfiguredReply('slack')).toEqual({
      response_type: 'ephemeral',
      text: 'Incident declaration is not configured yet. Ask an administrator to set it up.',
    });
  });
});
