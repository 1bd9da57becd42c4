import { linkConfirmedReply, notLinkedReply, unlinkedReply } from './account';

describe('account replies', () => {
  it('confirms the account was disconnected', () => {
    expect(unlinkedReply('jane', 'slack')).toEqual({
      response_type: 'ephemeral',
      text: 'Your GitLab account @jane is no longer connected.',
    });
  });

  it('says when no account was connected', () => {
    expect(notLinkedReply('mattermost')).toEqual({
      response_type: 'ephemeral',
      text: 'No GitLab account is connected to your chat account.',
    });
  });

  it('confirms the account is connected and asks to run the command again', () => {
    expect(linkConfirmedReply('jane', 'slack')).toEqual({
      response_type: 'ephemeral',
      text: 'Your GitLab account @jane is now connected. Run your command again.',
    });
  });
});
