import { renderReply } from '@chatops/chat';
import { linkConfirmedReply } from './link-confirmed';

describe('linkConfirmedReply', () => {
  it('confirms the account is connected and asks to run the command again', () => {
    expect(renderReply('slack', linkConfirmedReply('jane'))).toEqual({
      response_type: 'ephemeral',
      text: 'Your GitLab account @jane is now connected. Run your command again.',
    });
  });
});
