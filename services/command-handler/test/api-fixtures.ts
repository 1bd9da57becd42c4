import { type ApiIssue, type ApiProject, type ApiUser } from '@chatops/gitlab';

/** GitLab REST API objects for presenter tests, shaped like real responses. */

export const PROJECT: ApiProject = {
  id: 7,
  name_with_namespace: 'Acme / Web App',
  path_with_namespace: 'acme/web-app',
  web_url: 'https://gitlab.example.com/acme/web-app',
  default_branch: 'main',
};

export const USER: ApiUser = {
  id: 3,
  username: 'jane',
  name: 'Jane Doe',
  web_url: 'https://gitlab.example.com/jane',
  avatar_url: 'https://gitlab.example.com/uploads/jane.png',
};

export const AUTHOR = { name: 'Ann Author', username: 'ann', avatar_url: 'https://gitlab.example.com/uploads/ann.png' };

/** An open issue with no assignee, milestone, labels, votes or comments, with some fields replaced. */
export function issue(overrides: Partial<ApiIssue> = {}): ApiIssue {
  return {
    id: 1042,
    iid: 42,
    project_id: PROJECT.id,
    title: 'Login button does nothing',
    description: 'Steps to reproduce…',
    state: 'opened',
    confidential: false,
    web_url: 'https://gitlab.example.com/acme/web-app/-/issues/42',
    author: AUTHOR,
    assignees: [],
    milestone: null,
    labels: [],
    upvotes: 0,
    downvotes: 0,
    user_notes_count: 0,
    ...overrides,
  };
}

/** Fields of an issue without assignee, milestone or labels. */
export const EMPTY_FIELDS = [
  { title: 'Assignee', value: '_None_', short: true },
  { title: 'Milestone', value: '_None_', short: true },
  { title: 'Labels', value: '_None_', short: true },
];
