import { doctorLines, loadSlackAppConfig, runSlackDoctor, slackDoctorDeps } from '@chatops/slack-app';
import { CommandFailed, defineCommand } from '../command';

export const doctor = defineCommand({
  name: 'doctor',
  summary:
    'Check the Slack app: enabled, credentials, signing secret against PUBLIC_URL, https, Slack API, each installation’s token and scopes (exit 1 when something fails)',
  options: {},
  async run(_options, { db, box, publicUrl, slackApiUrl, slackAppEnv, print }) {
    const config = await loadSlackAppConfig(db, box, slackAppEnv);
    const report = await runSlackDoctor(slackDoctorDeps({ db, box, config, publicUrl, slackApiUrl }));
    for (const line of doctorLines(report)) print(line);
    if (!report.ok) throw new CommandFailed('doctor found problems (FAIL lines above)', report);
    return report;
  },
});
