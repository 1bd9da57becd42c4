import { renderReply } from '@chatops/chat';
import { notLinkedReply, unlinkedReply } from './unlink.command';

describe('unlink replies', () => {
  it('confirms the account was disconnected', () => {
    expect(renderReply('slack', unlinkedReply('jane'))).toEqual({
      response_type: 'ephemeral',
      text: 'Your GitLab account @jane is no longer connected.',
    });
  });

  it('says when no account was connected', () => {
    expect(renderReply('mattermost', notLinkedReply())).toEqual({
      response_type: 'ephemeral',
      text: 'No GitLab account is connected to your chat account.',
    });
  });
});
