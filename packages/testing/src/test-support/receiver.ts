import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** What the next requests get (default 200 `{}`); a function sees the request. */
  answer(
    reply: { status?: number; body?: unknown } | ((request: ReceivedRequest) => { status?: number; body?: unknown }),
  ): void;
  close(): Promise<void>;
}

/** A stand-in for the app under test: records what the fakes POST to it and answers as told. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let reply: (request: ReceivedRequest) => { status?: number; body?: unknown } = () => ({});
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const { status = 200, body = {} } = reply(received);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      reply = typeof next === 'function' ? next : () => next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
