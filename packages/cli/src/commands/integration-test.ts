import { ChatSenders } from '@chatops/chat';
import { findIntegrationWithDestination } from '@chatops/db';
import { testIntegration } from '@chatops/integrations';
import { OutboundGuard } from '@chatops/outbound';
import { CommandFailed, defineCommand, requireOption, UsageError } from '../command';

export const integrationTest = defineCommand({
  name: 'integration:test',
  summary:
    'Post a test message to every channel of an integration and say, per channel, how it went (SLACK_API_URL and OUTBOUND_ALLOWED_HOSTS as the services read them)',
  options: {
    id: { description: 'integration id (see integration:list)', required: true },
  },
  async run(options, { db, box, slackApiUrl, outbound: policy, print }) {
    const id = requireOption(options, 'id');
    const integration = await findIntegrationWithDestination(db, id);
    if (!integration) throw new UsageError(`unknown integration: ${id}`);
    const outbound = new OutboundGuard(policy);
    const report = await testIntegration(box, integration, new ChatSenders({ slackApiUrl, outbound })).finally(() =>
      outbound.close(),
    );
    if (report.results.length === 0) print('no channels configured: nothing to test');
    for (const r of report.results)
      print(`${r.ok ? 'ok    ' : 'FAILED'}  ${r.channel || '(webhook channel)'}${r.error ? `  ${r.error}` : ''}`);
    if (report.message) print(report.message);
    if (!report.ok)
      throw new CommandFailed(
        `${report.results.filter((r) => !r.ok).length} of ${report.results.length} channels failed`,
        report,
      );
    return report;
  },
});
