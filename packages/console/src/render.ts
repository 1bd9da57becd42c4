import { type FastifyReply } from 'fastify';
import { type VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** A whole page; preact escapes every text and attribute value it renders. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!DOCTYPE html>${render(page)}`);
}

/** A piece of a page, for the scripts that refresh part of one (search as you type). */
export function sendFragment(reply: FastifyReply, fragment: VNode): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(fragment));
}
