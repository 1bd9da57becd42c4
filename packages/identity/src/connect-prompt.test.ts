import { renderReply } from '@chatops/chat';
import { authorizeReply } from './connect-prompt';

describe('authorizeReply (GitLab Presenters::Access#authorize)', () => {
  it('asks to connect the GitLab account, as a Slack link (GitLab spec: authorize.me)', () => {
    expect(renderReply('slack', authorizeReply('http://authorize.me'))).toEqual({
      response_type: 'ephemeral',
      text: ':wave: Hi there! Before I do anything for you, please <http://authorize.me|connect your GitLab account>.',
    });
  });

  it('asks to connect the GitLab account, as a markdown link for Mattermost', () => {
    expect(renderReply('mattermost', authorizeReply('http://authorize.me'))).toEqual({
      response_type: 'ephemeral',
      text: ':wave: Hi there! Before I do anything for you, please [connect your GitLab account](http://authorize.me).',
    });
  });

  it('cannot authorize without a URL', () => {
    expect(renderReply('slack', authorizeReply(null))).toEqual({
      response_type: 'ephemeral',
      text: ":sweat_smile: Couldn't identify you, nor can I authorize you!",
    });
  });
});
