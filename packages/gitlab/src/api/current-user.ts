import { type GitLabClient } from './gitlab-client';

export interface GitLabAccount {
  id: number;
  username: string;
  name: string;
  webUrl: string;
}

/** The account an OAuth access token belongs to (`GET /user`). */
export async function fetchCurrentUser(gitlab: GitLabClient, oauthToken: string): Promise<GitLabAccount> {
  const user = await gitlab.asUser(oauthToken).currentUser();
  return { id: user.id, username: user.username, name: user.name, webUrl: user.web_url };
}
