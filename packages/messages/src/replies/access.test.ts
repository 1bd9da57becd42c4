import { renderReply } from '@chatops/chat';
import {
  accessDeniedReply,
  deactivatedReply,
  errorReply,
  genericAccessDeniedReply,
  notFoundReply,
  projectNotFoundReply,
} from './access';

describe('access replies (GitLab Presenters::Access)', () => {
  it.each(['slack', 'mattermost'] as const)('denies access and points at the project (%s)', (flavour) => {
    expect(renderReply(flavour, accessDeniedReply('https://gitlab.example.com/acme/web-app'))).toEqual({
      response_type: 'ephemeral',
      text:
        'You are not allowed to perform the given chatops command. Most\n' +
        'likely you do not have access to the GitLab project for this chatops\n' +
        'integration.\n\n' +
        'The GitLab project for this chatops integration can be found at\n' +
        'https://gitlab.example.com/acme/web-app.\n',
    });
  });

  it('denies access without details', () => {
    expect(renderReply('slack', genericAccessDeniedReply())).toEqual({
      response_type: 'ephemeral',
      text: 'You are not allowed to perform the given chatops command.',
    });
  });

  it('tells a deactivated user to sign in again', () => {
    expect(renderReply('slack', deactivatedReply('https://gitlab.example.com'))).toEqual({
      response_type: 'ephemeral',
      text:
        'You are not allowed to perform the given ChatOps command. Most likely\n' +
        'your https://gitlab.example.com account needs to be reactivated.\n\n' +
        'Please log back in from a web browser to reactivate your account at https://gitlab.example.com\n',
    });
  });

  it('answers 404 for what cannot be found', () => {
    expect(renderReply('mattermost', notFoundReply())).toEqual({
      response_type: 'ephemeral',
      text: "404 not found! GitLab couldn't find what you were looking for! :boom:",
    });
  });

  it('reports an unknown project or alias', () => {
    expect(renderReply('slack', projectNotFoundReply())).toEqual({
      response_type: 'ephemeral',
      text: 'GitLab error: project or alias not found',
    });
  });

  it('shows an error message as the whole reply', () => {
    expect(renderReply('slack', errorReply('unauthorized'))).toEqual({
      response_type: 'ephemeral',
      text: 'unauthorized',
    });
  });
});
