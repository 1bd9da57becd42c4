import { parseSubscribeArgs } from './subscribe-args';

const VALID_EVENTS =
  'push, tag_push, issue, confidential_issue, incident, merge_request, note, confidential_note, pipeline, wiki_page, deployment, alert';

describe('parseSubscribeArgs', () => {
  it('gives no events (the defaults) and no filters for empty arguments', () => {
    expect(parseSubscribeArgs('')).toEqual({ ok: true, options: { events: [] } });
  });

  it('reads events separated by commas or spaces, once each', () => {
    expect(parseSubscribeArgs('push, issue  pipeline,push')).toEqual({
      ok: true,
      options: { events: ['push', 'issue', 'pipeline'] },
    });
  });

  it('reads every filter', () => {
    expect(parseSubscribeArgs('pipeline --branches=default_and_protected --labels=bug,ui --all-pipelines')).toEqual({
      ok: true,
      options: {
        events: ['pipeline'],
        branches: 'default_and_protected',
        labels: ['bug', 'ui'],
        onlyBrokenPipelines: false,
      },
    });
  });

  it('reads quoted label names with spaces', () => {
    expect(parseSubscribeArgs('issue --labels="To Do",bug')).toEqual({
      ok: true,
      options: { events: ['issue'], labels: ['To Do', 'bug'] },
    });
  });

  it('names an unknown event and lists the valid ones', () => {
    expect(parseSubscribeArgs('push,pushes')).toEqual({
      ok: false,
      error: `Unknown event "pushes". Valid events: ${VALID_EVENTS}.`,
    });
  });

  it('names an unknown option and lists the valid ones', () => {
    expect(parseSubscribeArgs('--branch=main')).toEqual({
      ok: false,
      error:
        'Unknown option "--branch". Valid options: --branches=…, --labels=…, --only-broken-pipelines, --all-pipelines.',
    });
  });

  it('names an invalid branch filter and lists the valid ones', () => {
    expect(parseSubscribeArgs('--branches=main')).toEqual({
      ok: false,
      error: 'Invalid value "main" for --branches. Valid values: all, default, protected, default_and_protected.',
    });
  });

  it('rejects --branches without a value', () => {
    expect(parseSubscribeArgs('--branches')).toEqual({
      ok: false,
      error: 'Invalid value "" for --branches. Valid values: all, default, protected, default_and_protected.',
    });
  });

  it('rejects empty labels', () => {
    expect(parseSubscribeArgs('--labels=,')).toEqual({
      ok: false,
      error: '--labels needs at least one label, e.g. --labels=bug,"needs review".',
    });
  });

  it('rejects both pipeline flags together', () => {
    expect(parseSubscribeArgs('--only-broken-pipelines --all-pipelines')).toEqual({
      ok: false,
      error: 'Use either --only-broken-pipelines or --all-pipelines, not both.',
    });
  });

  it('rejects a value on a pipeline flag', () => {
    expect(parseSubscribeArgs('--only-broken-pipelines=yes')).toEqual({
      ok: false,
      error: '--only-broken-pipelines takes no value.',
    });
  });
});
