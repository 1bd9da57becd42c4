import { rotateAuditedEndpointSecret } from '@chatops/db';
import { defineCommand, requireOption, UsageError } from '../command';
import { CLI_ACTOR } from '../lifecycle';

export const endpointRotate = defineCommand({
  name: 'endpoint:rotate',
  summary: "Replace an endpoint's secret token (and its signing token, with --signing); shown once",
  options: {
    id: { description: 'endpoint id', required: true },
    signing: { description: 'also replace the signing token', type: 'flag' },
  },
  async run(options, { db, box, print }) {
    const id = requireOption(options, 'id');
    const rotated = await rotateAuditedEndpointSecret(db, id, options.signing ? { signingBox: box } : {}, CLI_ACTOR);
    if (!rotated) throw new UsageError(`no endpoint ${id}`);
    print(`Secret token:  ${rotated.secret}`);
    if (rotated.signingSecret) print(`Signing token: ${rotated.signingSecret}`);
    print('The old token stops working within 5 s: update the webhook in GitLab now. Tokens are shown only now.');
    return { id, secretToken: rotated.secret, signingToken: rotated.signingSecret ?? null };
  },
});
