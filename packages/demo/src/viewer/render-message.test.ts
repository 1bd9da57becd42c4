import { barColor, renderAttachment, renderBlocks, renderMessage } from './render-message';
import { type ViewMessage } from './timeline';

const plain = (text: string) => text.replace(/</g, '&lt;');

describe('rendering messages', () => {
  it('gives attachments a colour bar only from a named colour or a hex value', () => {
    expect([
      barColor('good'),
      barColor('#36a64f'),
      barColor('c95823'),
      barColor('red;background:url(x)'),
      barColor(3),
    ]).toEqual(['#2eb67d', '#36a64f', '#c95823', '#dddddd', '#dddddd']);
  });

  it('renders an attachment: pretext, author, linked title, text, short fields and footer', () => {
    const html = renderAttachment(
      {
        color: 'danger',
        pretext: 'pre',
        author_name: 'Sam <Lee>',
        title: 'Pipeline #1 failed',
        title_link: 'https://gitlab.example/p/1',
        text: 'body',
        fields: [
          { title: 'Branch', value: 'main', short: true },
          { title: 'Failed job', value: 'e2e', short: false },
        ],
        footer: 'Demo',
        ts: 1_700_000_000,
      },
      plain,
    );
    expect(html).toContain('<div class="att-pretext">pre</div><div class="att" style="border-left-color: #e01e5a">');
    expect(html).toContain('<div class="att-author">Sam &lt;Lee&gt;</div>');
    expect(html).toContain(
      '<a href="https://gitlab.example/p/1" target="_blank" rel="noopener noreferrer">Pipeline #1 failed</a>',
    );
    expect(html).toContain('<div class="att-field short"><div class="att-field-title">Branch</div>');
    expect(html).toContain('<div class="att-field"><div class="att-field-title">Failed job</div>');
    expect(html).toContain('Demo · <time datetime="2023-11-14T22:13:20.000Z"');
  });

  it('renders sections, headers, context and buttons of Block Kit', () => {
    const html = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: '*not bold*' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'x' } },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://a.example' }],
        },
      ],
      (text) => `<i>${text}</i>`,
    );
    expect(html).toBe(
      '<div class="blk-header">*not bold*</div><div class="blk-section"><i>x</i></div><div class="blk-actions">' +
        '<a href="https://a.example" target="_blank" rel="noopener noreferrer"><span class="blk-button">Open</span></a></div>',
    );
  });

  it('marks edits, replies only you see, and nests thread replies', () => {
    const base: ViewMessage = {
      id: '1',
      at: 0,
      author: 'GitLab',
      bot: true,
      text: 'root',
      attachments: [],
      blocks: [],
      edited: true,
      updated: false,
      visibility: 'channel',
      kind: 'message',
      replies: [],
    };
    const reply: ViewMessage = { ...base, id: '2', text: 'reply', edited: false, visibility: 'you' };
    const html = renderMessage({ ...base, replies: [reply] }, 'slack', new Map());
    expect(html).toContain('<span class="badge">APP</span>');
    expect(html).toContain('<span class="edited">(edited)</span>');
    expect(html).toContain(
      '<div class="thread"><div class="thread-count">1 reply</div><div class="msg message ephemeral" data-id="2">',
    );
    expect(html).toContain('<div class="only-you">Only visible to you</div>');
  });
});
