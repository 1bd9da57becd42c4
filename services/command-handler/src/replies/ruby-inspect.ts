const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/**
 * A string quoted as Ruby's `String#inspect` quotes it (UTF-8), so texts GitLab builds with
 * `inspect` read the same: `"name"`, with quotes, backslashes and control characters escaped and
 * `#` escaped where Ruby would read it as interpolation (`#{`, `#$`, `#@`).
 */
export function rubyInspect(text: string): string {
  let quoted = '"';
  const chars = Array.from(text);
  chars.forEach((char, i) => {
    const escape = ESCAPES[char];
    if (escape !== undefined) quoted += escape;
    else if (char === '#' && ['{', '$', '@'].includes(chars[i + 1] ?? '')) quoted += '\\#';
    else if (/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(char)) quoted += unicodeEscape(char);
    else quoted += char;
  });
  return `${quoted}"`;
}

function unicodeEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}
