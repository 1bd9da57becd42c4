/** The gateway's admin API (`/api/v1`, bearer ADMIN_TOKEN), as the seeding uses it. */
export class AdminApi {
  constructor(
    private readonly gatewayUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  /** A call that must answer one of `ok`; anything else stops the seeding with the API's error. */
  async expect<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, ok: number[]): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (!ok.includes(answer.status))
      throw new Error(`admin API ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}
