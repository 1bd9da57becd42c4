import { type ChatPlatform, renderReply } from '@chatops/chat';
import { CHAT_OUTPUT_BYTE_LIMIT, type FinishedChatJob, runFinishedReply as reply } from './run-output';

/** The finished job's reply as the platform's response URL receives it (null: nothing is sent). */
function runFinishedReply(job: FinishedChatJob, platform: ChatPlatform) {
  const finished = reply(job, platform);
  return finished && renderReply(platform, finished);
}

const JOB_URL = 'https://gitlab.example.com/acme/web-app/-/jobs/314';

const job = (overrides: Partial<FinishedChatJob> = {}): FinishedChatJob => ({
  id: 314,
  name: 'uptime',
  url: JOB_URL,
  status: 'success',
  output: ' 10:00:00 up 3 days',
  chatUserId: 'U024BE7LH',
  user: { name: 'Jane Doe', web_url: 'https://gitlab.example.com/jane' },
  ...overrides,
});

describe('runFinishedReply for Slack', () => {
  it('mentions the user with the output', () => {
    expect(runFinishedReply(job(), 'slack')).toEqual({
      response_type: 'in_channel',
      text: '<@U024BE7LH>:  10:00:00 up 3 days',
    });
  });

  it('sends nothing for empty output', () => {
    expect(runFinishedReply(job({ output: '' }), 'slack')).toBeNull();
  });

  it('links to the job when the output is over 3.5 KB', () => {
    expect(runFinishedReply(job({ output: 'x'.repeat(CHAT_OUTPUT_BYTE_LIMIT + 1) }), 'slack')).toEqual({
      response_type: 'in_channel',
      text: `<@U024BE7LH>: <${JOB_URL}|The output is too large to be sent back directly!>`,
    });
  });

  it('counts bytes, not characters', () => {
    expect(CHAT_OUTPUT_BYTE_LIMIT).toBe(3584);
    expect(runFinishedReply(job({ output: 'x'.repeat(CHAT_OUTPUT_BYTE_LIMIT) }), 'slack')?.text).toContain('xxx');
    expect(runFinishedReply(job({ output: 'é'.repeat(1793) }), 'slack')?.text).toContain('too large');
  });

  it('links to the job when it failed', () => {
    expect(runFinishedReply(job({ status: 'failed', output: '' }), 'slack')).toEqual({
      response_type: 'in_channel',
      text: `<@U024BE7LH>: <${JOB_URL}|Sorry, the build failed!>`,
    });
  });

  it('passes markdown in the output through unchanged', () => {
    expect(runFinishedReply(job({ output: '[a](https://x.example)' }), 'slack')?.text).toBe(
      '<@U024BE7LH>: [a](https://x.example)',
    );
  });

  it('shows Slack syntax in the output literally: only the user who ran the job is mentioned', () => {
    const output = '<!channel> <@U999> <https://evil.example|GitLab> a < b && c > d';
    expect(runFinishedReply(job({ output }), 'slack')?.text).toBe(
      '<@U024BE7LH>: &lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|GitLab&gt; a &lt; b &amp;&amp; c &gt; d',
    );
  });
});

describe('runFinishedReply for Mattermost', () => {
  const idAndName = [
    { short: true, title: 'ID', value: `[#314](${JOB_URL})` },
    { short: true, title: 'Name', value: 'uptime' },
  ];

  it('shows the output in a shell code block, colours removed', () => {
    expect(runFinishedReply(job({ output: '\x1b[32;1mok\x1b[0;m\ndone' }), 'mattermost')).toEqual({
      response_type: 'in_channel',
      attachments: [
        {
          color: '#00c100',
          text: 'ChatOps job started by [Jane Doe](https://gitlab.example.com/jane) completed successfully',
          fields: [...idAndName, { short: false, title: 'Output', value: '```shell\nok\ndone\n```' }],
        },
      ],
    });
  });

  it('says the output is too large instead of showing it', () => {
    const reply = runFinishedReply(job({ output: 'x'.repeat(4000) }), 'mattermost');
    expect(reply?.attachments?.[0]?.fields?.[2]?.value).toBe(
      '```shell\nThe output is too large to be sent back directly!\n```',
    );
  });

  it('reports a failed job without output', () => {
    expect(runFinishedReply(job({ status: 'failed' }), 'mattermost')).toEqual({
      response_type: 'in_channel',
      attachments: [
        {
          color: '#e40303',
          text: 'ChatOps job started by [Jane Doe](https://gitlab.example.com/jane) failed!',
          fields: idAndName,
        },
      ],
    });
  });

  it('sends nothing for empty output', () => {
    expect(runFinishedReply(job({ output: '' }), 'mattermost')).toBeNull();
  });

  it('breaks channel-wide mentions in the output and the job name', () => {
    const reply = runFinishedReply(job({ name: 'ping @here', output: 'done @channel' }), 'mattermost');
    const fields = reply?.attachments?.[0]?.fields;
    expect(fields?.[1]?.value).toBe('ping @\u2060here');
    expect(fields?.[2]?.value).toBe('```shell\ndone @\u2060channel\n```');
  });

  it('does not let the user name forge a link', () => {
    const reply = runFinishedReply(
      job({ user: { name: '[x](https://evil.example)', web_url: 'https://g.example/u' } }),
      'mattermost',
    );
    expect(reply?.attachments?.[0]?.text).toBe(
      'ChatOps job started by [x(https://evil.example)](https://g.example/u) completed successfully',
    );
  });
});
