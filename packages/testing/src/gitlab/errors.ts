/** A GitLab API error: the status and the exact JSON body GitLab answers with. */
export class GitLabError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(JSON.stringify(body));
    this.name = 'GitLabError';
  }

  static notFound(what?: string): GitLabError {
    return new GitLabError(404, { message: what === undefined ? '404 Not found' : `404 ${what} Not Found` });
  }

  static forbidden(): GitLabError {
    return new GitLabError(403, { message: '403 Forbidden' });
  }

  static unauthorized(): GitLabError {
    return new GitLabError(401, { message: '401 Unauthorized' });
  }

  /** Grape's answer when a required parameter is absent. */
  static missing(param: string): GitLabError {
    return new GitLabError(400, { error: `${param} is missing` });
  }

  static invalidValue(param: string): GitLabError {
    return new GitLabError(400, { error: `${param} does not have a valid value` });
  }

  /** ActiveRecord validation errors, as `{ message: { field: [errors] } }`. */
  static validation(field: string, ...errors: string[]): GitLabError {
    return new GitLabError(400, { message: { [field]: errors } });
  }

  static insufficientScope(scopes: readonly string[]): GitLabError {
    return new GitLabError(403, {
      error: 'insufficient_scope',
      error_description: 'The request requires higher privileges than provided by the access token.',
      scope: scopes.join(' '),
    });
  }
}
