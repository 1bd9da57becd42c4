import Fastify, { type FastifyInstance } from 'fastify';
import { registerBodyParsers } from './body.js';

/** Options every fake accepts. */
export interface FakeServerOptions {
  /** Port to listen on; 0 (the default) lets the OS pick a free one. */
  port?: number;
  /** Interface to bind; loopback by default so fakes never leak onto the network. */
  host?: string;
  /** Clock in ms since the epoch, used for every expiry and rate rule; inject it to test expiry without waiting. */
  now?: () => number;
  /**
   * Keep every received call (default true). Load benchmarks send ~100k calls: `false` keeps only
   * counts per method so memory stays flat.
   */
  recordCalls?: boolean;
  /** Initial artificial latency per request, in ms (see `setLatency`). */
  latencyMs?: number;
}

// Slack blocks and GitLab descriptions can be large; the default 1 MiB would reject bodies the real services accept.
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Lifecycle shared by the fakes: one fastify instance per start(), loopback by default, and an
 * artificial latency applied to every request. Subclasses own their state and routes.
 */
export abstract class FakeHttpServer {
  protected readonly now: () => number;
  protected readonly recordCalls: boolean;
  private readonly port: number;
  private readonly host: string;
  private readonly initialLatencyMs: number;
  private latencyMs: number;
  private app: FastifyInstance | undefined;
  private baseUrl: string | undefined;

  protected constructor(options: FakeServerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.recordCalls = options.recordCalls ?? true;
    this.port = options.port ?? 0;
    this.host = options.host ?? '127.0.0.1';
    this.initialLatencyMs = options.latencyMs ?? 0;
    this.latencyMs = this.initialLatencyMs;
  }

  /** Base URL once started, e.g. `http://127.0.0.1:53121` (no trailing slash). */
  get url(): string {
    if (this.baseUrl === undefined) throw new Error(`${this.constructor.name} is not started: call start() first`);
    return this.baseUrl;
  }

  /** Starts listening. State survives stop()/start(), but the port may change when it was 0. */
  async start(): Promise<{ url: string }> {
    if (this.app !== undefined) throw new Error(`${this.constructor.name} is already started`);
    const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
    await registerBodyParsers(app);
    app.addHook('onRequest', async () => {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
    });
    this.registerRoutes(app);
    try {
      await app.listen({ port: this.port, host: this.host });
    } catch (error) {
      // A taken port must not leave a half-built instance behind.
      await app.close();
      throw error;
    }
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake server has no TCP address');
    this.app = app;
    this.baseUrl = `http://${this.host}:${address.port}`;
    return { url: this.baseUrl };
  }

  /** Stops listening; in-flight requests finish first. Safe to call twice. */
  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.baseUrl = undefined;
    if (app !== undefined) await app.close();
  }

  /** Every request waits this long before being handled (models a slow upstream). */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /** Back to the freshly constructed state: data, records, faults and latency. The server keeps running. */
  reset(): void {
    this.latencyMs = this.initialLatencyMs;
    this.resetState();
  }

  protected abstract registerRoutes(app: FastifyInstance): void;
  protected abstract resetState(): void;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
