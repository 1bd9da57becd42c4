import { renderDialog, renderModal } from '@chatops/chat';
import { declareForm } from './declare-form';

const plain = (text: string) => ({ type: 'plain_text', text });
const PROJECTS = [
  { id: 10, path: 'acme/backend' },
  { id: 11, path: `acme/${'x'.repeat(90)}` },
];

describe('the declare form', () => {
  it("renders as GitLab's New incident modal, block for block", () => {
    const view = renderModal(
      declareForm({
        projects: PROJECTS,
        selectedProjectId: 10,
        template: '## Summary',
        state: 'https://hooks.slack.com/x',
      }),
    );
    expect(view).toEqual({
      type: 'modal',
      title: plain('New incident'),
      submit: plain('Create'),
      close: plain('Cancel'),
      notify_on_close: true,
      callback_id: 'incident_modal',
      private_metadata: 'https://hooks.slack.com/x',
      blocks: [
        {
          type: 'input',
          block_id: 'title_input',
          label: plain('Title'),
          element: {
            type: 'plain_text_input',
            action_id: 'title',
            placeholder: plain('Incident title'),
            focus_on_load: true,
          },
        },
        {
          type: 'actions',
          block_id: 'project_and_severity_selector',
          elements: [
            {
              type: 'static_select',
              action_id: 'incident_management_project',
              placeholder: plain('Select project'),
              options: [
                { text: plain('acme/backend'), value: '10' },
                { text: plain(`acme/${'x'.repeat(70)}`), value: '11' },
              ],
              initial_option: { text: plain('acme/backend'), value: '10' },
              confirm: {
                title: plain('Are you sure you want to change the project?'),
                text: plain(
                  "If you change the project, you'll lose any text entered in the form.\nIf you've entered some text, consider saving it somewhere to avoid losing any content.",
                ),
                confirm: plain('Yes'),
                deny: plain('No'),
              },
            },
            {
              type: 'static_select',
              action_id: 'severity',
              placeholder: plain('Select severity (optional)'),
              options: [
                { text: plain('Critical - S1'), value: 'critical' },
                { text: plain('High - S2'), value: 'high' },
                { text: plain('Medium - S3'), value: 'medium' },
                { text: plain('Low - S4'), value: 'low' },
              ],
            },
          ],
        },
        {
          type: 'actions',
          block_id: 'status_and_assignee_selector',
          elements: [
            {
              type: 'static_select',
              action_id: 'status',
              placeholder: plain('Status (optional)'),
              options: [
                { text: plain('Triggered'), value: 'triggered' },
                { text: plain('Acknowledged'), value: 'acknowledged' },
                { text: plain('Resolved'), value: 'resolved' },
              ],
            },
            { type: 'external_select', action_id: 'assignee', placeholder: plain('Assignee (optional)') },
          ],
        },
        {
          type: 'input',
          block_id: 'label_selector',
          optional: true,
          label: plain('Labels'),
          element: {
            type: 'multi_external_select',
            action_id: 'labels',
            placeholder: plain('Select labels (optional)'),
          },
        },
        {
          type: 'actions',
          block_id: 'confidentiality',
          elements: [
            {
              type: 'checkboxes',
              action_id: 'confidential',
              options: [{ text: plain('Confidential'), value: 'confidential' }],
            },
          ],
        },
        {
          type: 'input',
          block_id: 'incident_description',
          label: plain('Description'),
          element: {
            type: 'plain_text_input',
            action_id: 'description',
            multiline: true,
            placeholder: plain(
              'Write a description...\n\n[Supports GitLab-flavored markdown, including quick actions]',
            ),
            initial_value: '## Summary',
          },
        },
        {
          type: 'input',
          block_id: 'zoom',
          optional: true,
          label: plain('Zoom'),
          element: {
            type: 'plain_text_input',
            action_id: 'link',
            placeholder: plain('https://example.zoom.us (optional)'),
          },
        },
      ],
    });
  });

  it('names the description block after the project once another is selected, and leaves it empty without a template', () => {
    const view = renderModal(declareForm({ projects: PROJECTS, selectedProjectId: 11, template: null, state: '' }));
    const blocks = JSON.parse(JSON.stringify(view.blocks)) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading the JSON Slack receives
    const description = blocks.find((b) => b['element']?.action_id === 'description');
    expect(description).toMatchObject({ block_id: '11' });
    expect(description?.['element']).not.toHaveProperty('initial_value');
    expect(blocks[1]?.['elements'][0]?.initial_option).toMatchObject({ value: '11' });
  });

  it('renders as a Mattermost dialog with the same fields, the assignees listed up front', () => {
    const dialog = renderDialog(
      declareForm({
        projects: PROJECTS,
        selectedProjectId: 10,
        template: '## Summary',
        state: 'signed-state',
        assignees: [{ text: 'Alice - alice', value: '1' }],
      }),
    );
    expect(dialog).toMatchObject({
      callback_id: 'incident_modal',
      title: 'New incident',
      submit_label: 'Create',
      notify_on_cancel: true,
      state: 'signed-state',
    });
    expect(dialog.elements.map((e) => [e.name, e.type, e.optional])).toEqual([
      ['title', 'text', false],
      ['incident_management_project', 'select', false],
      ['severity', 'select', true],
      ['status', 'select', true],
      ['assignee', 'select', true],
      ['labels', 'text', true],
      ['confidential', 'bool', true],
      ['description', 'textarea', false],
      ['link', 'text', true],
    ]);
    expect(dialog.elements.find((e) => e.name === 'description')).toMatchObject({
      default: '## Summary',
      max_length: 3000,
    });
    expect(dialog.elements.find((e) => e.name === 'incident_management_project')).toMatchObject({ default: '10' });
  });
});
