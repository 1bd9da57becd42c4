import { type ParsedCommand } from '../types';
import { parseSubscribeArgs } from './subscribe-args';

/*
 * GitLab's command regexes (lib/gitlab/slash_commands/*.rb), ported:
 * Ruby `\A`/`\z` are `^`/`$` without the `m` flag; Ruby's `.` excludes only `\n` while JavaScript's
 * also excludes `\r` and the Unicode line separators, so it is written `[^\n]`; Ruby's `(.|\n)*`
 * is `[\s\S]*`; Run's Ruby `/m` (dot matches newline) is the `s` flag.
 */
const ISSUE_SHOW = /^issue\s+show\s+#?(?<iid>\d+)/;
const ISSUE_NEW = /^issue\s+(?:new|create)\s+(?<title>[^\n]*)\n*(?<description>[\s\S]*)/;
const ISSUE_SEARCH = /^issue\s+search\s+(?<query>[^\n]*)/;
const ISSUE_MOVE = /^issue\s+move\s+#?(?<iid>\d+)\s+(?:to\s+)?(?<projectPath>\S+)/;
const ISSUE_CLOSE = /^issue\s+close\s+#?(?<iid>\d+)/;
const ISSUE_COMMENT = /^issue\s+comment\s+#?(?<iid>\d+)\n*(?<body>[\s\S]*)/;
const DEPLOY = /^deploy\s+(?<from>\S+[^\n]*)\s+to+\s+(?<to>\S+[^\n]*)$/;
const RUN = /^run\s+(?<job>\S+)(?:\s+(?<arguments>.+))?$/s;
const SUBSCRIBE = /^subscribe(?:\s+(?<args>[\s\S]*))?$/;

type Groups = Record<string, string | undefined>;
type Rule = { pattern: RegExp; build: (groups: Groups) => ParsedCommand };

/** GitLab's commands in GitLab's order: the first match wins. */
const GITLAB_RULES: Rule[] = [
  { pattern: ISSUE_SHOW, build: (g) => ({ kind: 'issue_show', iid: Number(g.iid) }) },
  {
    pattern: ISSUE_NEW,
    build: (g) => ({ kind: 'issue_new', title: g.title ?? '', description: (g.description ?? '').trimEnd() }),
  },
  { pattern: ISSUE_SEARCH, build: (g) => ({ kind: 'issue_search', query: g.query ?? '' }) },
  {
    pattern: ISSUE_MOVE,
    build: (g) => ({ kind: 'issue_move', iid: Number(g.iid), projectPath: g.projectPath ?? '' }),
  },
  { pattern: ISSUE_CLOSE, build: (g) => ({ kind: 'issue_close', iid: Number(g.iid) }) },
  {
    pattern: ISSUE_COMMENT,
    build: (g) => ({ kind: 'issue_comment', iid: Number(g.iid), body: (g.body ?? '').trim() }),
  },
  { pattern: DEPLOY, build: (g) => ({ kind: 'deploy', from: g.from ?? '', to: g.to ?? '' }) },
  { pattern: RUN, build: (g) => ({ kind: 'run', job: g.job ?? '', arguments: g.arguments ?? '' }) },
];

/** Commands without arguments, matched as whole texts (GitLab's `incident declare`, then ours). */
const EXACT_COMMANDS = new Map<string, ParsedCommand>([
  ['incident declare', { kind: 'incident_declare' }],
  ['unlink', { kind: 'unlink' }],
  ['subscriptions', { kind: 'subscriptions' }],
  ['unsubscribe', { kind: 'unsubscribe' }],
]);

/**
 * Parses a slash command's text (after the trigger word and any project alias). GitLab's commands
 * come first, in GitLab's order, then ours; text starting with `help` asks for help, anything else
 * is unknown (answered with the help text as well, marked invalid).
 */
export function parseCommand(text: string): ParsedCommand {
  // GitLab strips the text before matching; Slack and Mattermost may leave spaces around it.
  const command = text.trim();

  for (const rule of GITLAB_RULES) {
    const match = rule.pattern.exec(command);
    if (match) return rule.build(match.groups ?? {});
  }

  const exact = EXACT_COMMANDS.get(command);
  if (exact) return { ...exact };

  const subscribe = SUBSCRIBE.exec(command);
  if (subscribe) {
    const result = parseSubscribeArgs(subscribe.groups?.args ?? '');
    return result.ok
      ? { kind: 'subscribe', options: result.options }
      : { kind: 'subscribe_invalid', error: result.error };
  }

  if (command.startsWith('help')) return { kind: 'help' };
  return { kind: 'unknown', text: command };
}
