import { type FastifyRequest } from 'fastify';
import { InvalidJson, isRecord, stringField } from '../../shared/body.js';
import { GitLabError } from '../errors.js';
import { type GitLabState } from '../gitlab-state.js';
import { type HookDispatcher } from '../hooks/hook-dispatcher.js';
import { type ViewContext } from '../serializers.js';

export interface GitLabRouteDeps {
  state: GitLabState;
  /** Read at request time: the port is only known once the server listens. */
  baseUrl(): string;
  /** Project webhooks fired by issue and note changes. */
  hooks: HookDispatcher;
}

export function view(deps: GitLabRouteDeps): ViewContext {
  return { state: deps.state, baseUrl: deps.baseUrl() };
}

/** Grape reads parameters from the query string and the body (JSON or form) alike. */
export function requestParams(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body instanceof InvalidJson) throw new GitLabError(400, { error: 'The request body is not valid JSON' });
  const query = isRecord(request.query) ? request.query : {};
  return isRecord(body) ? { ...query, ...body } : { ...query };
}

export function text(params: Record<string, unknown>, key: string): string | undefined {
  return stringField(params[key]);
}

/** Grape's Boolean coercion: true/false, "true"/"false", "1"/"0". */
export function bool(params: Record<string, unknown>, key: string): boolean | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const raw = stringField(value);
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw GitLabError.invalidValue(key);
}

/** Label lists arrive as a comma-separated string or an array. */
export function list(params: Record<string, unknown>, key: string): string[] | undefined {
  const value = params[key] ?? params[`${key}[]`];
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export function integer(params: Record<string, unknown>, key: string): number | undefined {
  const raw = text(params, key);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw GitLabError.invalidValue(key);
  return n;
}

/** Grape's answer when an Integer path parameter is not one. */
export function integerParam(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new GitLabError(400, { error: `${name} is invalid` });
  return Number(value);
}
