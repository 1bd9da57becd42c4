import { type ChatReply } from '@chatops/chat';
import { type ChatIdentity, findChatIdentityById } from '@chatops/db';
import { type GitLabApi } from '@chatops/gitlab';
import { connectPrompt, type LinkRequest, LinkRevoked } from '@chatops/identity';
import { type IncidentDeps } from './incident-deps';

/** GitLab as the linked user, or the prompt to link (again) when there is no usable link. */
export type LinkedUser = { identity: ChatIdentity; gitlab: GitLabApi } | { prompt: ChatReply };

export async function linkedUser(deps: IncidentDeps, identityId: string, who: LinkRequest): Promise<LinkedUser> {
  const identity = await findChatIdentityById(deps.db, identityId);
  const prompt = async () => ({ prompt: await connectPrompt(deps.tokens ? deps.links : null, deps.publicUrl, who) });
  if (!identity || !deps.tokens || !deps.gitlab) return prompt();
  try {
    return { identity, gitlab: deps.gitlab.asUser(await deps.tokens.accessToken(identity)) };
  } catch (error) {
    if (error instanceof LinkRevoked) return prompt();
    throw error;
  }
}
