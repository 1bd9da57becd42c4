import { Gitlab } from '@gitbeaker/rest';

export interface GitLabAccount {
  id: number;
  username: string;
  name: string;
  webUrl: string;
}

/** The account an OAuth access token belongs to (`GET /user`). */
export async function fetchCurrentUser(host: string, oauthToken: string): Promise<GitLabAccount> {
  const api = new Gitlab({ host, oauthToken, queryTimeout: 10_000 });
  const user = await api.Users.showCurrentUser();
  return { id: user.id, username: user.username, name: user.name, webUrl: user.web_url };
}
