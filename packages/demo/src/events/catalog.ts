import { deploymentEvent, pipelineEvent } from './ci-events';
import { type EventContext, mergeRequestCommentEvent, mergeRequestOpenedEvent, pushEvent } from './code-events';
import { issueOpenedEvent, STORY_ISSUE } from './issue-events';
import { type JsonObject } from './json';

/** What an event may do besides building its payload. */
export interface EventEffects {
  /** Creates an issue in the demo's GitLab (so slash commands find it); returns its iid. */
  createIssue(input: { title: string; description: string; labels: string }): Promise<number>;
}

/** One GitLab event the demo can send: a button in the viewer and `scripts/demo.sh send <name>`. */
export interface DemoEvent {
  name: string;
  label: string;
  /** The X-Gitlab-Event header. */
  header: string;
  /** What shows up in chat, for the viewer's activity log. */
  expect: string;
  build(ctx: EventContext, effects: EventEffects): Promise<JsonObject>;
}

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    name: 'push',
    label: 'Push',
    header: 'Push Hook',
    expect: 'a push message in #dev',
    build: async (ctx) => pushEvent(ctx),
  },
  {
    name: 'mr-opened',
    label: 'MR opened',
    header: 'Merge Request Hook',
    expect: 'a merge request message in #dev that starts a thread',
    build: async (ctx) => mergeRequestOpenedEvent(ctx),
  },
  {
    name: 'pipeline-running',
    label: 'Pipeline running',
    header: 'Pipeline Hook',
    expect: 'nothing: GitLab notifies finished pipelines only',
    build: async (ctx) => pipelineEvent(ctx, 'running'),
  },
  {
    name: 'pipeline-failed',
    label: 'Pipeline failed',
    header: 'Pipeline Hook',
    expect: 'a red pipeline card in #ci',
    build: async (ctx) => pipelineEvent(ctx, 'failed'),
  },
  {
    name: 'pipeline-fixed',
    label: 'Pipeline fixed',
    header: 'Pipeline Hook',
    expect: 'the same card in #ci edited to green',
    build: async (ctx) => pipelineEvent(ctx, 'fixed'),
  },
  {
    name: 'comment',
    label: 'Comment',
    header: 'Note Hook',
    expect: "a reply in the merge request's thread in #dev",
    build: async (ctx) => mergeRequestCommentEvent(ctx),
  },
  {
    name: 'issue',
    label: 'Issue opened',
    header: 'Issue Hook',
    expect: 'an issue message in #dev (the issue exists in the demo GitLab too)',
    build: async (ctx, effects) => {
      ctx.story.issueIid = await effects.createIssue(STORY_ISSUE);
      return issueOpenedEvent(ctx, ctx.story.issueIid);
    },
  },
  {
    name: 'deployment',
    label: 'Deployment',
    header: 'Deployment Hook',
    expect: 'a deployment message in #ci',
    build: async (ctx) => deploymentEvent(ctx),
  },
];

/** `make demo`'s sequence: every event once, in the order a day's work would send them. */
export const REPLAY_SEQUENCE: readonly string[] = DEMO_EVENTS.map((event) => event.name);

export function findEvent(name: string): DemoEvent | undefined {
  return DEMO_EVENTS.find((event) => event.name === name);
}
