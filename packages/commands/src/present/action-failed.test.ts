import { actionFailedReply } from './action-failed';

describe('actionFailedReply', () => {
  it('lists each reason on its own line (GitLab spec: Title is too long)', () => {
    expect(actionFailedReply(['Title is too long (maximum is 255 characters)', 'Labels are invalid'], 'slack')).toEqual(
      {
        response_type: 'ephemeral',
        text: 'The action was not successful, because:\n- Title is too long (maximum is 255 characters)\n- Labels are invalid',
      },
    );
  });

  it('reports a blank comment as GitLab does', () => {
    expect(actionFailedReply(["Note can't be blank"], 'mattermost').text).toBe(
      "The action was not successful, because:\n- Note can't be blank",
    );
  });
});
