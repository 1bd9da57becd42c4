import { renderReply } from '@chatops/chat';
import { actionFailedReply } from './action-failed';

describe('actionFailedReply', () => {
  it('lists each reason on its own line (GitLab spec: Title is too long)', () => {
    expect(
      renderReply('slack', actionFailedReply(['Title is too long (maximum is 255 characters)', 'Labels are invalid'])),
    ).toEqual({
      response_type: 'ephemeral',
      text: 'The action was not successful, because:\n- Title is too long (maximum is 255 characters)\n- Labels are invalid',
    });
  });

  it('reports a blank comment as GitLab does', () => {
    expect(renderReply('mattermost', actionFailedReply(["Note can't be blank"])).text).toBe(
      "The action was not successful, because:\n- Note can't be blank",
    );
  });
});
