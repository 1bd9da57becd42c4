import { type FastifyReply, type FastifyRequest } from 'fastify';
import { isRecord, stringField } from '../shared/body.js';
import { GitLabError } from './errors.js';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/**
 * GitLab's offset pagination: page/per_page (max 100), the X-Total, X-Total-Pages, X-Page,
 * X-Per-Page, X-Next-Page, X-Prev-Page headers and a Link header (clients such as gitbeaker
 * follow its rel="next").
 */
export function paginate<T>(request: FastifyRequest, reply: FastifyReply, baseUrl: string, items: T[]): T[] {
  const query = isRecord(request.query) ? request.query : {};
  const page = positive(stringField(query['page']), 1, 'page');
  const perPage = Math.min(MAX_PER_PAGE, positive(stringField(query['per_page']), DEFAULT_PER_PAGE, 'per_page'));
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const next = page < totalPages ? page + 1 : undefined;
  const prev = page > 1 ? Math.min(page - 1, totalPages) : undefined;

  const pageUrl = (n: number) => {
    const url = new URL(request.url, baseUrl);
    url.searchParams.set('page', String(n));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  const links = [
    ...(prev === undefined ? [] : [`<${pageUrl(prev)}>; rel="prev"`]),
    ...(next === undefined ? [] : [`<${pageUrl(next)}>; rel="next"`]),
    `<${pageUrl(1)}>; rel="first"`,
    `<${pageUrl(totalPages)}>; rel="last"`,
  ];
  reply.headers({
    'x-total': String(items.length),
    'x-total-pages': String(totalPages),
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': next === undefined ? '' : String(next),
    'x-prev-page': prev === undefined ? '' : String(prev),
    link: links.join(', '),
  });
  return items.slice((page - 1) * perPage, page * perPage);
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw GitLabError.invalidValue(name);
  return n < 1 ? fallback : n;
}
