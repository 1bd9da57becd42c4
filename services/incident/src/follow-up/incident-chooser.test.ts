import { formStateKey, type MattermostReplyBody, readFormState, renderReply } from '@chatops/chat';
import { type FollowUpIncident } from './follow-up-incident';
import { incidentChooser } from './incident-chooser';
import { parseChoiceValue } from './pending-choices';

const KEY = formStateKey(Buffer.alloc(32, 7));
const INCIDENTS: FollowUpIncident[] = [
  { projectId: 10, projectPath: 'acme/backend', iid: 3, id: 103, title: 'Database down', webUrl: 'https://g/3' },
  { projectId: 11, projectPath: 'acme/web', iid: 3, id: 99, title: 'Slow <logins>', webUrl: 'https://g/w3' },
];
const chooser = (platform: 'slack' | 'mattermost', command: 'comment' | 'timeline' | 'close' = 'comment') =>
  incidentChooser({
    command,
    choiceId: 'c-1',
    incidents: INCIDENTS,
    platform,
    formStateKey: KEY,
    publicUrl: 'https://chatops.example.com',
  });

describe('the incident chooser', () => {
  it('asks on Slack with one button per incident, its value the question and the position', () => {
    const button = (text: string, value: string) => ({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'incident_choice', text: { type: 'plain_text', text }, value }],
    });
    expect(renderReply('slack', chooser('slack'))).toEqual({
      response_type: 'ephemeral',
      text: "Please confirm which incident you'd like to post your comment to.",
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: "Please confirm which incident you'd like to post your comment to." },
        },
        button('acme/backend#3 Database down', 'c-1:0'),
        button('acme/web#3 Slow <logins>', 'c-1:1'),
      ],
    });
  });

  it('asks on Mattermost with buttons posting a signed value to the gateway', () => {
    const body = renderReply('mattermost', chooser('mattermost', 'close')) as MattermostReplyBody;
    expect(body.text).toBe("Please confirm which incident you'd like to close.");
    const actions = body.attachments?.[0]?.actions ?? [];
    expect(actions.map((a) => [a.id, a.name, a.integration.url])).toEqual([
      ['incidentchoice0', 'acme/backend#3 Database down', 'https://chatops.example.com/mattermost/actions'],
      ['incidentchoice1', 'acme/web#3 Slow <logins>', 'https://chatops.example.com/mattermost/actions'],
    ]);
    const values = actions.map((a) => readFormState(KEY, a.integration.context['choice']));
    expect(values).toEqual(['c-1:0', 'c-1:1']);
    expect(readFormState(formStateKey(Buffer.alloc(32, 8)), actions[0]?.integration.context['choice'])).toBeNull();
  });

  it('says what the question is for', () => {
    expect(chooser('slack', 'timeline').text).toBe(
      "Please confirm which incident you'd like to add your timeline event to.",
    );
  });
});

describe('a choice value', () => {
  it('names the question and a position', () => {
    expect(parseChoiceValue('c-1:0')).toEqual({ choiceId: 'c-1', index: 0 });
    expect(parseChoiceValue('3f0c1d2e-aaaa-bbbb-cccc-000000000000:12')).toEqual({
      choiceId: '3f0c1d2e-aaaa-bbbb-cccc-000000000000',
      index: 12,
    });
  });

  it('is nothing else', () => {
    for (const value of ['c-1', 'c-1:', ':1', 'c-1:x', 'a:b:1', 'c-1:1234']) expect(parseChoiceValue(value)).toBeNull();
  });
});
