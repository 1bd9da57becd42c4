import { type AdminClient, type AdminRequest } from './admin-client';

export interface FieldError {
  path: string;
  message: string;
}

/** The admin API said no: its status, code, message and (for validation) the fields at fault. */
export class AdminRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[],
  ) {
    super(message);
    this.name = 'AdminRefusal';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { fields?: FieldError[] } };
}

type Query = AdminRequest['query'];

/** The admin API as one signed-in user: every call is audited under their name. */
export class AdminCalls {
  constructor(
    private readonly client: AdminClient,
    private readonly actor: string,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.send<T>({ method: 'GET', path, ...(query ? { query } : {}) });
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>({ method: 'POST', path, body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>({ method: 'PUT', path, body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>({ method: 'PATCH', path, body });
  }

  delete(path: string): Promise<unknown> {
    return this.send({ method: 'DELETE', path });
  }

  private async send<T>(request: Omit<AdminRequest, 'actor'>): Promise<T> {
    const answer = await this.client.send({ ...request, actor: this.actor });
    if (answer.status >= 200 && answer.status < 300) return answer.body as T;
    const error = (answer.body as ErrorBody | null)?.error;
    throw new AdminRefusal(
      answer.status,
      error?.code ?? 'error',
      error?.message ?? `the admin API answered ${answer.status}`,
      error?.details?.fields ?? [],
    );
  }
}
