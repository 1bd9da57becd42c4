import { type GraphQLAccess } from './gitlab-client';

/** GitLab's GraphQL error, shaped like a gitbeaker error so gitlabFailureOf reads it the same way. */
export class GitLabGraphQLError extends Error {
  constructor(
    message: string,
    override readonly cause: { description: string; response: { status: number } },
  ) {
    super(message);
    this.name = 'GitLabGraphQLError';
  }
}

/**
 * POSTs a GraphQL operation to `<GitLab>/api/graphql`. GitLab answers resolver errors (no access,
 * not found) with HTTP 200 and `errors`: those are thrown as 404 (GitLab does not say which), and
 * transport failures with their HTTP status, like the REST client's.
 */
export async function graphqlRequest<T>(
  access: GraphQLAccess,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(`${access.url}/api/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(access.authorization ? { authorization: access.authorization } : {}),
      ...(access.privateToken ? { 'private-token': access.privateToken } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(access.timeoutMs),
    redirect: 'error',
  });
  const text = await response.text();
  if (!response.ok) throw failure(response.status, text.slice(0, 300) || response.statusText);
  let body: { data?: T; errors?: Array<{ message?: string }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw failure(502, 'GitLab answered GraphQL with something that is not JSON');
  }
  if (body.errors && body.errors.length > 0)
    throw failure(404, body.errors.map((e) => e.message ?? 'error').join('; '));
  if (body.data === undefined) throw failure(502, 'GitLab answered GraphQL without data');
  return body.data;
}

function failure(status: number, message: string): GitLabGraphQLError {
  return new GitLabGraphQLError(`GraphQL ${status}: ${message}`, { description: message, response: { status } });
}
