/**
 * A trace section marker as GitLab Runner writes it and GitLab reads it (Gitlab::Regex
 * build_trace_section_regex): `section_start:<unix time>:<name>[options]\r\e[0K`, likewise
 * `section_end:…`.
 */
// eslint-disable-next-line no-control-regex -- the markers end in an ANSI escape (ESC [0K)
const SECTION_MARKER = /section_(start|end):(\d+):([a-zA-Z0-9_.-]+)(?:\[\w+=\w+(?:, ?\w+=\w+)*\])?\r\x1b\[0K/g;

/**
 * The sections whose output becomes the chat reply, in order of preference: the job's own
 * `chat_reply` section, else the script's (`step_script`, called `build_script` before Runner 13.1).
 */
const REPLY_SECTIONS = ['chat_reply', 'step_script', 'build_script'];

/**
 * The output a ChatOps job sends back to chat (GitLab's Chat::Output): the content of its reply
 * section without the first line, which is the command that was executed.
 * Returns null while the trace has none of these sections (yet): GitLab retries until it does.
 */
export function extractChatOutput(trace: string): string | null {
  const sections = traceSections(trace);
  for (const name of REPLY_SECTIONS) {
    const section = sections.get(name);
    if (section) return withoutFirstLine(trace.slice(section.start, section.end));
  }
  return null;
}

interface Marker {
  action: string;
  /** Where the section's content starts (after a start marker) or ends (before an end marker). */
  offset: number;
}

/**
 * The well-formed sections by name. As in GitLab's SectionParser, a name counts only when it
 * has exactly one start marker followed by one end marker.
 */
function traceSections(trace: string): Map<string, { start: number; end: number }> {
  const markersByName = new Map<string, Marker[]>();
  for (const match of trace.matchAll(SECTION_MARKER)) {
    const [marker, action = '', , name = ''] = match;
    const offset = action === 'start' ? match.index + marker.length : match.index;
    markersByName.set(name, [...(markersByName.get(name) ?? []), { action, offset }]);
  }

  const sections = new Map<string, { start: number; end: number }>();
  for (const [name, markers] of markersByName) {
    const [start, end] = markers;
    if (markers.length === 2 && start?.action === 'start' && end?.action === 'end') {
      sections.set(name, { start: start.offset, end: end.offset });
    }
  }
  return sections;
}

/** Ruby's `output.split("\n")[1..].join("\n")`: trailing empty lines are dropped by split. */
function withoutFirstLine(output: string): string {
  const lines = output.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(1).join('\n');
}
