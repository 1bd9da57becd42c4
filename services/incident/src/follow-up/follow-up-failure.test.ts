import { renderReply } from '@chatops/chat';
import { followUpFailure } from './follow-up-failure';
import { newestFirst } from './open-incidents';

/** A gitbeaker error as GitLab's answer leaves it. */
const gitlabError = (status: number | undefined, description: string) =>
  Object.assign(new Error(description), { cause: { description, response: status ? { status } : undefined } });

const text = (outcome: ReturnType<typeof followUpFailure>) =>
  outcome === 'relink' ? outcome : renderReply('slack', outcome);

describe("GitLab's refusals of a follow-up", () => {
  it("answer in GitLab's slash-command texts, replacing the question when they answer a click", () => {
    expect(text(followUpFailure(gitlabError(403, '403 Forbidden'), true))).toEqual({
      response_type: 'ephemeral',
      text: 'You are not allowed to perform the given chatops command.',
      replace_original: true,
    });
    expect(text(followUpFailure(gitlabError(404, '404 Issue Not Found'), false))).toEqual({
      response_type: 'ephemeral',
      text: "404 not found! GitLab couldn't find what you were looking for! :boom:",
    });
    expect(
      text(followUpFailure(gitlabError(400, '{"title":["is too long (maximum is 255 characters)"]}'), false)),
    ).toEqual({
      response_type: 'ephemeral',
      text: 'The action was not successful, because:\n- Title is too long (maximum is 255 characters)',
    });
  });

  it('ask to link again on a 401, and say GitLab could not be reached otherwise', () => {
    expect(followUpFailure(gitlabError(401, '401 Unauthorized'), true)).toBe('relink');
    for (const error of [gitlabError(502, 'Bad Gateway'), gitlabError(undefined, 'ECONNREFUSED'), new Error('x')])
      expect(text(followUpFailure(error, false))).toEqual({
        response_type: 'ephemeral',
        text: 'GitLab could not be reached, so the command may not have run. Please check GitLab before trying again.',
      });
  });
});

describe('open incidents', () => {
  it('are ordered most recent first across projects, by global id', () => {
    expect(newestFirst([{ id: 5 }, { id: 40 }, { id: 7 }]).map((i) => i.id)).toEqual([40, 7, 5]);
  });
});
