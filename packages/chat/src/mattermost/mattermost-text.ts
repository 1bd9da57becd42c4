import { parseMarkup } from '../message/markup';

/*
 * Mattermost notifies the whole channel for `@channel`, `@all` and `@here` (any case, also right
 * after punctuation such as `.@here`, or followed by `.`, `-`, `_` or `:`) in a post's message and
 * its attachments' pretext and text. A WORD JOINER (U+2060) after the `@` splits the word for
 * Mattermost's mention parser (it splits words at any character that is not a letter, digit or one
 * of `.-_:@`) while showing nothing: the text reads as written and pings nobody. Wrapping the word
 * in backticks would also do, but shows it as code and fails inside code that is already there.
 */
const SPECIAL_MENTION = /@(?=(?:channel|all|here)(?![\p{L}\p{N}]))/giu;
const WORD_JOINER = '\u2060';

/** Text with Mattermost's channel-wide mentions broken (invisibly). */
export function breakMattermostMentions(text: string): string {
  return text.replace(SPECIAL_MENTION, `@${WORD_JOINER}`);
}

/**
 * A neutral text (see message/markup.ts) for Mattermost, which renders markdown whatever the
 * message asks (verbatim or not): links stay as written with their URLs untouched (Mattermost
 * looks for mentions in text, not in a link's URL); the channel-wide mentions in their labels and
 * in the rest of the text are broken.
 */
export function mattermostText(text: string): string {
  return parseMarkup(text, { markdownLinks: true, htmlLinks: false, mentions: [] })
    .map((segment) => {
      switch (segment.kind) {
        case 'text':
          return breakMattermostMentions(segment.text);
        case 'link':
          return `[${breakMattermostMentions(segment.label)}](${segment.url})`;
        case 'mention':
          // Not Mattermost's syntax: shown as it is (no mention is asked for here anyway).
          return `<@${segment.userId}>`;
      }
    })
    .join('');
}
