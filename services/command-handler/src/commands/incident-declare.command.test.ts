import { renderReply } from '@chatops/chat';
import { incidentsNotConfiguredReply } from './incident-declare.command';

describe('incidentsNotConfiguredReply', () => {
  it('tells the user incidents are not set up', () => {
    expect(renderReply('slack', incidentsNotConfiguredReply())).toEqual({
      response_type: 'ephemeral',
      text: 'Incident declaration is not configured yet. Ask an administrator to set it up.',
    });
  });
});
