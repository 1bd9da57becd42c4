import { extractChatOutput } from './trace-sections';

const CLEAR = '\x1b[0K';
const start = (name: string, options = ''): string => `section_start:1700000000:${name}${options}\r${CLEAR}`;
const end = (name: string): string => `section_end:1700000001:${name}\r${CLEAR}`;

describe('extractChatOutput', () => {
  it('takes the chat_reply section written as GitLab documents it, first line dropped', () => {
    const trace =
      `${CLEAR}${start('step_script')}${CLEAR}\x1b[32;1m$ ./uptime.sh\x1b[0;m\n` +
      `${start('chat_reply')}\n 10:00 up 3 days\n2 users\n${end('chat_reply')}\n` +
      `${CLEAR}${end('step_script')}\nJob succeeded\n`;
    expect(extractChatOutput(trace)).toBe(' 10:00 up 3 days\n2 users');
  });

  it('falls back to step_script, dropping the executed command line', () => {
    const trace =
      `Running with gitlab-runner 17.0\n${CLEAR}${start('step_script', '[collapsed=true]')}$ echo hello\nhello\nworld\n` +
      `${end('step_script')}\nJob succeeded\n`;
    expect(extractChatOutput(trace)).toBe('hello\nworld');
  });

  it('falls back to build_script for runners before 13.1', () => {
    expect(extractChatOutput(`${start('build_script')}$ date\nMon\n${end('build_script')}`)).toBe('Mon');
  });

  it('prefers chat_reply over step_script wherever it appears', () => {
    const trace = `${start('chat_reply')}\nreply\n${end('chat_reply')}${start('step_script')}$ x\nscript\n${end('step_script')}`;
    expect(extractChatOutput(trace)).toBe('reply');
  });

  it('gives empty output for a section of one line', () => {
    expect(extractChatOutput(`${start('step_script')}$ true\n${end('step_script')}`)).toBe('');
    expect(extractChatOutput(`${start('step_script')}${end('step_script')}`)).toBe('');
  });

  it('keeps empty lines inside the output', () => {
    expect(extractChatOutput(`${start('chat_reply')}\na\n\nb\n\n\n${end('chat_reply')}`)).toBe('a\n\nb');
  });

  it('returns null while no section has finished (GitLab retries)', () => {
    expect(extractChatOutput(`${start('step_script')}$ sleep 60\n`)).toBeNull();
    expect(extractChatOutput('plain log without sections\n')).toBeNull();
  });

  it('ignores marker text without the terminating escape, e.g. an echoed command', () => {
    const trace = `${start('step_script')}$ echo "section_start:1:chat_reply\\r\\033[0K"\nout\n${end('step_script')}`;
    expect(extractChatOutput(trace)).toBe('out');
  });

  it('ignores a section that was started twice, as GitLab does', () => {
    const trace = `${start('chat_reply')}\na\n${start('chat_reply')}\nb\n${end('chat_reply')}${start('step_script')}$ x\ns\n${end('step_script')}`;
    expect(extractChatOutput(trace)).toBe('s');
  });
});
