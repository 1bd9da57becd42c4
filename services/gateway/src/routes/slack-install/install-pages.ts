import { type SlackInstallPolicy } from '@chatops/db';
import { escapeHtml } from '../html-page';

/** The longest request message kept (Slack's own app-request form allows a few hundred characters). */
export const REQUEST_MESSAGE_MAX = 1000;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}' +
  'textarea{width:100%;min-height:6rem}button{font-size:1rem;padding:.5rem 1rem;margin-top:1rem}';

function page(title: string, body: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)} · chatops</title><style>${STYLE}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;

/** The CSP of these pages: nothing loads from elsewhere; the form may go here and on to Slack's authorize page. */
export function installPageCsp(authorizeUrl: string): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action 'self' ${new URL(authorizeUrl).origin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * "Add to Slack": what the app is, and, under the approval policy, a box for the request's message
 * (sent with the install, shown to the administrator deciding) and the approval link if one is set.
 */
export function installStartPage(options: { policy: SlackInstallPolicy; approvalLink: string | null }): string {
  const approval = options.policy === 'approval';
  const parts = [
    paragraph(
      'This installs the GitLab app of this chatops into a Slack workspace: GitLab notifications in its channels, ' +
        'the /gitlab command, and incidents declared from Slack. Slack asks you to allow it next.',
    ),
  ];
  if (approval) {
    parts.push(
      paragraph(
        'Workspaces that are not pre-approved are installed pending: the app does nothing there until an ' +
          'administrator of chatops approves the request. The app tells you their decision in a direct message.',
      ),
    );
    if (options.approvalLink)
      parts.push(
        `<p>Before you ask, follow the approval process: <a href="${escapeHtml(options.approvalLink)}">${escapeHtml(
          options.approvalLink,
        )}</a>. Link to it in your message.</p>`,
      );
  }
  const message = approval
    ? `<label for="message">Why does your team need it?</label><textarea id="message" name="message" maxlength="${REQUEST_MESSAGE_MAX}"></textarea>`
    : '';
  parts.push(`<form method="post">${message}<button type="submit">Add to Slack</button></form>`);
  return page('Add GitLab to Slack', parts.join(''));
}

/** The page after Slack sent the installer back: installed, reinstalled, or installed pending approval. */
export function installDonePage(outcome: { kind: 'active' | 'pending'; reinstall: boolean; teamName: string }): string {
  if (outcome.kind === 'pending')
    return page(
      'Waiting for approval',
      paragraph(
        `The app is installed in ${outcome.teamName}, but does nothing there until an administrator of chatops ` +
          'approves your request. The app will tell you their decision in a direct message in Slack.',
      ),
    );
  return page(
    outcome.reinstall ? 'Reinstalled' : 'Installed',
    paragraph(
      `The app is ${outcome.reinstall ? 'updated' : 'installed'} in ${outcome.teamName}. Type /gitlab help in a ` +
        'channel to see its commands; an administrator of chatops connects GitLab projects to channels.',
    ),
  );
}

/** An install that could not be started or finished, and what to do about it. */
export function installErrorPage(title: string, message: string, installUrl?: string): string {
  const again = installUrl ? `<p><a href="${escapeHtml(installUrl)}">Start again</a></p>` : '';
  return page(title, paragraph(message) + again);
}
