import { formStateKey, readFormState, signFormState } from './form-state-signature';
import { type ChatForm } from './chat-form';
import { filterOptions } from './form-sessions';
import { mattermostFormValues, slackFormValues } from './form-values';

describe('slackFormValues', () => {
  it("reads a view's state by action id, whatever the block", () => {
    expect(
      slackFormValues({
        title_input: { title: { type: 'plain_text_input', value: 'DB down' } },
        '42': { description: { type: 'plain_text_input', value: null } },
        sel: {
          incident_management_project: { type: 'static_select', selected_option: { value: '10' } },
          severity: { type: 'static_select', selected_option: null },
        },
        label_selector: {
          labels: { type: 'multi_external_select', selected_options: [{ value: 'bug' }, { value: 'p1' }] },
        },
        confidentiality: { confidential: { type: 'checkboxes', selected_options: [] } },
      }),
    ).toEqual({
      title: 'DB down',
      description: null,
      incident_management_project: '10',
      severity: null,
      labels: ['bug', 'p1'],
      confidential: [],
    });
  });

  it('ignores what is not a state', () => {
    expect(slackFormValues(null)).toEqual({});
    expect(slackFormValues({ b: 'x', c: { a: 5 } })).toEqual({});
  });
});

describe('mattermostFormValues', () => {
  const form: ChatForm = {
    callbackId: 'f',
    title: 'F',
    submitLabel: 'Go',
    rows: [
      { kind: 'input', blockId: 't', label: 'T', element: { type: 'text', actionId: 'title', label: 'Title' } },
      {
        kind: 'input',
        blockId: 'l',
        label: 'L',
        element: { type: 'external_select', actionId: 'labels', label: 'Labels', multi: true },
      },
      {
        kind: 'controls',
        blockId: 'c',
        elements: [
          {
            type: 'checkboxes',
            actionId: 'confidential',
            label: 'C',
            options: [{ text: 'Confidential', value: 'confidential' }],
          },
        ],
      },
    ],
  };

  it('reads a submission as Slack values: a bool as its option, several values split on commas', () => {
    expect(mattermostFormValues(form, { title: 'x', labels: ' bug, p1 ,', confidential: true })).toEqual({
      title: 'x',
      labels: ['bug', 'p1'],
      confidential: ['confidential'],
    });
    expect(mattermostFormValues(form, { title: '', confidential: false })).toEqual({
      title: null,
      labels: [],
      confidential: [],
    });
  });
});

describe('filterOptions', () => {
  const options = Array.from({ length: 150 }, (_, i) => ({ text: `User ${i} - u${i}`, value: String(i) }));
  it('matches what the user typed anywhere, case-insensitively, at most 100', () => {
    expect(filterOptions(options, 'U14').map((o) => o.value)).toEqual([
      '14',
      ...Array.from({ length: 10 }, (_, i) => String(140 + i)),
    ]);
    expect(filterOptions(options, '')).toHaveLength(100);
  });
});

describe('form states for Mattermost', () => {
  const key = formStateKey(Buffer.alloc(32, 7));
  it('gives back the form id of a state it signed, and nothing for a forged or foreign one', () => {
    const state = signFormState(key, 'form-1');
    expect(readFormState(key, state)).toBe('form-1');
    expect(readFormState(key, state.replace('form-1', 'form-2'))).toBeNull();
    expect(readFormState(formStateKey(Buffer.alloc(32, 8)), state)).toBeNull();
    expect(readFormState(key, 'form-1')).toBeNull();
    expect(readFormState(key, 42)).toBeNull();
  });
});
