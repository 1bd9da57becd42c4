import { type ChatReply, ephemeral, isEmptyMessage } from '../message/chat-message';
import { renderReply } from './render-message';

const ACTION_URL = 'https://chatops.example.com/mattermost/actions';

const CHOOSER: ChatReply = ephemeral({
  text: 'Which one? See [the list](https://gitlab.example.com/l).',
  buttons: {
    actionUrl: ACTION_URL,
    items: [
      { text: '#3 Database down', actionId: 'incident_choice', value: 'c1:0' },
      { text: '#2 Slow logins', actionId: 'incident_choice', value: 'c1:1', style: 'primary' },
    ],
  },
});

describe('buttons', () => {
  it('render for Slack as a section with the text and the buttons below, the text kept as the fallback', () => {
    expect(renderReply('slack', CHOOSER)).toEqual({
      response_type: 'ephemeral',
      text: 'Which one? See <https://gitlab.example.com/l|the list>.',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Which one? See <https://gitlab.example.com/l|the list>.' },
        },
        // One action id per block is all Slack takes: buttons of one action are stacked.
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'incident_choice',
              text: { type: 'plain_text', text: '#3 Database down' },
              value: 'c1:0',
            },
          ],
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'incident_choice',
              text: { type: 'plain_text', text: '#2 Slow logins' },
              value: 'c1:1',
              style: 'primary',
            },
          ],
        },
      ],
    });
  });

  it('share one Slack actions block when their action ids differ, at most 25 to a block, labels cut at 75 characters', () => {
    const items = Array.from({ length: 26 }, (_, i) => ({
      text: i === 0 ? 'x'.repeat(80) : `b${i}`,
      actionId: `a${i}`,
      value: String(i),
    }));
    const body = renderReply('slack', ephemeral({ buttons: { actionUrl: ACTION_URL, items } }));
    expect(body).not.toHaveProperty('text');
    const blocks = (JSON.parse(JSON.stringify(body)) as { blocks: Array<{ type: string; elements: unknown[] }> })
      .blocks;
    expect(blocks.map((b) => [b.type, b.elements.length])).toEqual([
      ['actions', 25],
      ['actions', 1],
    ]);
    expect(blocks[0]?.elements[0]).toMatchObject({ text: { text: `${'x'.repeat(74)}…` } });
  });

  it("render for Mattermost as an attachment's actions posting the value to the action URL, after any attachments", () => {
    const body = renderReply('mattermost', { ...CHOOSER, attachments: [{ text: 'card' }] });
    expect(body).toEqual({
      response_type: 'ephemeral',
      text: 'Which one? See [the list](https://gitlab.example.com/l).',
      attachments: [
        { text: 'card' },
        {
          actions: [
            {
              // Mattermost routes clicks only for ids of letters and digits, unique in the post.
              id: 'incidentchoice0',
              type: 'button',
              name: '#3 Database down',
              integration: { url: ACTION_URL, context: { choice: 'c1:0' } },
            },
            {
              id: 'incidentchoice1',
              type: 'button',
              name: '#2 Slow logins',
              style: 'primary',
              integration: { url: ACTION_URL, context: { choice: 'c1:1' } },
            },
          ],
        },
      ],
    });
  });

  it('leave a message without buttons as it was, and make a message of buttons alone not empty', () => {
    expect(renderReply('slack', ephemeral({ text: 'x' }))).toEqual({ response_type: 'ephemeral', text: 'x' });
    expect(renderReply('mattermost', ephemeral({ text: 'x', buttons: { actionUrl: ACTION_URL, items: [] } }))).toEqual({
      response_type: 'ephemeral',
      text: 'x',
    });
    expect(
      isEmptyMessage({ buttons: { actionUrl: ACTION_URL, items: [{ text: 'a', actionId: 'a', value: '1' }] } }),
    ).toBe(false);
  });
});
