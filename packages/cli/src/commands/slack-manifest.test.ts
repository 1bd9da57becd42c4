import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { slackManifest } from './slack-manifest';

const golden = readFileSync(
  resolve(__dirname, '../../../../test/fixtures/slack/manifest.chatops.example.com.json'),
  'utf8',
);

function context(lines: string[]): CliContext {
  return {
    ...({} as CliContext),
    publicUrl: 'https://chatops.example.com',
    print: (line) => void lines.push(line),
  };
}

describe('slack:manifest', () => {
  it('is listed, and prints the manifest generated from PUBLIC_URL (the golden file)', async () => {
    expect(COMMANDS).toContain(slackManifest);
    const lines: string[] = [];
    const result = await slackManifest.run({}, context(lines), []);
    expect(`${lines.join('\n')}\n`).toBe(golden);
    expect(result).toEqual(JSON.parse(golden));
  });

  it("prints Slack's link creating the app with --share-url", async () => {
    const lines: string[] = [];
    const result = await slackManifest.run({ 'share-url': true }, context(lines), []);
    const url = `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(JSON.parse(golden)))}`;
    expect(lines).toEqual([url]);
    expect(result).toEqual({ url });
  });
});
