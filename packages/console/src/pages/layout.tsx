import { type ComponentChildren } from 'preact';
import { type ConsoleUser } from '../auth/session-data';
import { CONSOLE_PREFIX } from '../options';

export interface Chrome {
  user: ConsoleUser;
  csrf: string;
  notice?: string | undefined;
}

interface LayoutProps {
  title: string;
  chrome?: Chrome | undefined;
  children: ComponentChildren;
}

const NAV: { href: string; label: string; adminOnly: boolean }[] = [
  { href: `${CONSOLE_PREFIX}/`, label: 'Dashboard', adminOnly: false },
  { href: `${CONSOLE_PREFIX}/projects`, label: 'Projects', adminOnly: false },
  { href: `${CONSOLE_PREFIX}/dead-letters`, label: 'Dead letters', adminOnly: true },
  { href: `${CONSOLE_PREFIX}/connections`, label: 'Chat connections', adminOnly: true },
  { href: `${CONSOLE_PREFIX}/slack`, label: 'Slack app', adminOnly: true },
  { href: `${CONSOLE_PREFIX}/audit`, label: 'Audit log', adminOnly: true },
];

/** Every page: one stylesheet and one script, both served by chatops (no CDN, strict CSP). */
export function Layout({ title, chrome, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · chatops`}</title>
        <link rel="stylesheet" href={`${CONSOLE_PREFIX}/assets/console.css`} />
        <script src={`${CONSOLE_PREFIX}/assets/console.js`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href={`${CONSOLE_PREFIX}/`}>
            chatops
          </a>
          {chrome && (
            <nav aria-label="Main">
              {NAV.filter((item) => chrome.user.isAdmin || !item.adminOnly).map((item) => (
                <a href={item.href}>{item.label}</a>
              ))}
            </nav>
          )}
          {chrome && (
            <form class="who" method="post" action={`${CONSOLE_PREFIX}/auth/sign-out`}>
              <span>
                {chrome.user.name} (@{chrome.user.username}){chrome.user.isAdmin ? ' · admin' : ''}
              </span>
              <input type="hidden" name="_csrf" value={chrome.csrf} />
              <button type="submit" class="link">
                Sign out
              </button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{title}</h1>
          {chrome?.notice && (
            <p class="notice" role="status">
              {chrome.notice}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
