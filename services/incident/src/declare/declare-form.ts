import { type ChatForm, type FormOption } from '@chatops/chat';

/** The declare form's callback id (GitLab's `incident_modal`): a submission with another is not ours. */
export const DECLARE_FORM = 'incident_modal';

/** Action ids of the declare form, as GitLab names them (the submission is read by these). */
export const DeclareField = {
  title: 'title',
  project: 'incident_management_project',
  severity: 'severity',
  status: 'status',
  assignee: 'assignee',
  labels: 'labels',
  confidential: 'confidential',
  description: 'description',
  zoom: 'link',
} as const;

/** GitLab's incident severities, as its form lists them (value = GraphQL's IssuableSeverity, lower case). */
export const SEVERITIES: FormOption[] = [
  { text: 'Critical - S1', value: 'critical' },
  { text: 'High - S2', value: 'high' },
  { text: 'Medium - S3', value: 'medium' },
  { text: 'Low - S4', value: 'low' },
];

/** GitLab's escalation statuses. */
export const STATUSES: FormOption[] = [
  { text: 'Triggered', value: 'triggered' },
  { text: 'Acknowledged', value: 'acknowledged' },
  { text: 'Resolved', value: 'resolved' },
];

/** GitLab truncates project paths in the project select to this many characters. */
const PROJECT_TEXT_MAX = 75;

export interface DeclareFormInput {
  /** The user's projects where they may create incidents (at most 100), as `{ id, path }`. */
  projects: ReadonlyArray<{ id: number; path: string }>;
  selectedProjectId: number;
  /** The selected project's incident template, prefilled into an empty description. */
  template: string | null;
  /** Handed back with the submission (Slack `private_metadata`, Mattermost `state`). */
  state: string;
  /** Options listed up front where the chat cannot ask for them while the user types (Mattermost). */
  assignees?: FormOption[];
}

/**
 * GitLab's "New incident" modal (Slack::BlockKit::IncidentManagement::IncidentModalOpened), block
 * for block: title; project and severity; status and assignee; labels; confidential; description
 * with the project's incident template; Zoom link. The description's block is named after the
 * selected project, so switching projects replaces its text (Slack keeps a block's input only
 * while its id stays the same).
 */
export function declareForm(input: DeclareFormInput): ChatForm {
  const projects = input.projects.map((p) => ({ text: p.path.slice(0, PROJECT_TEXT_MAX), value: String(p.id) }));
  const first = input.projects[0]?.id;
  return {
    callbackId: DECLARE_FORM,
    title: 'New incident',
    submitLabel: 'Create',
    closeLabel: 'Cancel',
    notifyOnClose: true,
    state: input.state,
    rows: [
      {
        kind: 'input',
        blockId: 'title_input',
        label: 'Title',
        element: {
          type: 'text',
          actionId: DeclareField.title,
          label: 'Title',
          placeholder: 'Incident title',
          focus: true,
        },
      },
      {
        kind: 'controls',
        blockId: 'project_and_severity_selector',
        elements: [
          {
            type: 'select',
            actionId: DeclareField.project,
            label: 'Project',
            placeholder: 'Select project',
            options: projects,
            initialValue: String(input.selectedProjectId),
            confirm: {
              title: 'Are you sure you want to change the project?',
              text:
                "If you change the project, you'll lose any text entered in the form.\n" +
                "If you've entered some text, consider saving it somewhere to avoid losing any content.",
              confirm: 'Yes',
              deny: 'No',
            },
          },
          {
            type: 'select',
            actionId: DeclareField.severity,
            label: 'Severity',
            placeholder: 'Select severity (optional)',
            options: SEVERITIES,
            optional: true,
          },
        ],
      },
      {
        kind: 'controls',
        blockId: 'status_and_assignee_selector',
        elements: [
          {
            type: 'select',
            actionId: DeclareField.status,
            label: 'Status',
            placeholder: 'Status (optional)',
            options: STATUSES,
            optional: true,
          },
          {
            type: 'external_select',
            actionId: DeclareField.assignee,
            label: 'Assignee',
            placeholder: 'Assignee (optional)',
            optional: true,
            ...(input.assignees ? { options: input.assignees } : {}),
          },
        ],
      },
      {
        kind: 'input',
        blockId: 'label_selector',
        label: 'Labels',
        optional: true,
        element: {
          type: 'external_select',
          actionId: DeclareField.labels,
          label: 'Labels',
          placeholder: 'Select labels (optional)',
          multi: true,
        },
      },
      {
        kind: 'controls',
        blockId: 'confidentiality',
        elements: [
          {
            type: 'checkboxes',
            actionId: DeclareField.confidential,
            label: 'Confidential',
            options: [{ text: 'Confidential', value: 'confidential' }],
            optional: true,
          },
        ],
      },
      {
        kind: 'input',
        // GitLab's own block id until the project changes; then the project's id (see above).
        blockId: input.selectedProjectId === first ? 'incident_description' : String(input.selectedProjectId),
        label: 'Description',
        element: {
          type: 'text',
          actionId: DeclareField.description,
          label: 'Description',
          multiline: true,
          placeholder: 'Write a description...\n\n[Supports GitLab-flavored markdown, including quick actions]',
          ...(input.template ? { initialValue: input.template } : {}),
        },
      },
      {
        kind: 'input',
        blockId: 'zoom',
        label: 'Zoom',
        optional: true,
        element: {
          type: 'text',
          actionId: DeclareField.zoom,
          label: 'Zoom',
          placeholder: 'https://example.zoom.us (optional)',
        },
      },
    ],
  };
}
