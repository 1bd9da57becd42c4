/** One collapsible section of a job log, e.g. the runner's `step_script`. */
export interface TraceSection {
  name: string;
  /** Output lines; a line starting with `$ ` is an echoed command, which runners print in bold green. */
  lines: string[];
  /** The section's first line; default: the runner's description for its own stages, none for others. */
  header?: string;
  /** Duration, for the `section_end` timestamp (default 1). */
  seconds?: number;
}

const CLEAR = '\x1b[0K';
const RESET = '\x1b[0;m';
const BOLD_CYAN = '\x1b[36;1m';
const BOLD_GREEN = '\x1b[32;1m';
/** A fixed default start keeps traces deterministic; pass `startedAt` to line them up with a job's times. */
const DEFAULT_STARTED_AT = 1_700_000_000;

/** gitlab-runner's GetStageDescription; `step_*` stages are "Executing "<name>" stage of the job script". */
const STAGE_DESCRIPTIONS: Record<string, string> = {
  prepare_script: 'Preparing environment',
  get_sources: 'Getting source from Git repository',
  restore_cache: 'Restoring cache',
  download_artifacts: 'Downloading artifacts',
  after_script: 'Running after_script',
  archive_cache: 'Saving cache for successful job',
  upload_artifacts_on_success: 'Uploading artifacts for successful job',
  cleanup_file_variables: 'Cleaning up project directory and file based variables',
};

function defaultHeader(name: string): string | undefined {
  return (
    STAGE_DESCRIPTIONS[name] ?? (name.startsWith('step_') ? `Executing "${name}" stage of the job script` : undefined)
  );
}

/**
 * A job log as gitlab-runner writes it: each section between `section_start:<unix ts>:<name>\r\e[0K`
 * and `section_end:<unix ts>:<name>\r\e[0K` markers, its header in bold cyan the way the runner's
 * logger prints it, and echoed commands in bold green.
 */
export function gitlabTrace(sections: TraceSection[], options: { startedAt?: number } = {}): string {
  let at = options.startedAt ?? DEFAULT_STARTED_AT;
  let out = '';
  for (const section of sections) {
    out += `section_start:${at}:${section.name}\r${CLEAR}`;
    const header = section.header ?? defaultHeader(section.name);
    if (header !== undefined) out += `${CLEAR}${BOLD_CYAN}${header}${RESET}${RESET}\n`;
    for (const line of section.lines) out += line.startsWith('$ ') ? `${BOLD_GREEN}${line}${RESET}\n` : `${line}\n`;
    at += section.seconds ?? 1;
    out += `section_end:${at}:${section.name}\r${CLEAR}`;
  }
  return out;
}
