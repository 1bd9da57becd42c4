import { renderReply } from '@chatops/chat';
import { formUnavailableReply } from './incident-declare.command';

describe('incident declare', () => {
  it("says GitLab's text when the form cannot be opened", () => {
    expect(renderReply('slack', formUnavailableReply())).toEqual({
      response_type: 'ephemeral',
      text: 'Something went wrong while opening the incident form.',
    });
  });
});
