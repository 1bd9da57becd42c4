import { type ChatPlatform, type ChatReply, ephemeral, signFormState } from '@chatops/chat';
import { INCIDENT_CHOICE_ACTION } from '@chatops/jobs';
import { type FollowUp, type FollowUpIncident } from './follow-up-incident';
import { CHOOSER_TEXT } from './follow-up-replies';
import { choiceValue } from './pending-choices';

export interface ChooserInput {
  command: FollowUp;
  choiceId: string;
  /** The incidents offered, most recent first. */
  incidents: readonly FollowUpIncident[];
  platform: ChatPlatform;
  /** Signs Mattermost's button contexts, which Mattermost posts back unsigned. */
  formStateKey: Buffer;
  /** The gateway's public URL (Mattermost posts clicks to its `/mattermost/actions`). */
  publicUrl: string;
}

/**
 * "Which incident?": the question and one button per incident, labelled with its reference and
 * title (`group/project#12 Title`: incidents of several projects may share an iid). A button's
 * value names the question and the incident's position; on Mattermost it is signed, since
 * Mattermost passes back whatever context the click carries, and anyone can post to the URL.
 */
export function incidentChooser(input: ChooserInput): ChatReply {
  return ephemeral({
    text: CHOOSER_TEXT[input.command],
    buttons: {
      actionUrl: `${input.publicUrl}/mattermost/actions`,
      items: input.incidents.map((incident, index) => {
        const value = choiceValue(input.choiceId, index);
        return {
          text: `${incident.projectPath}#${incident.iid} ${incident.title}`,
          actionId: INCIDENT_CHOICE_ACTION,
          value: input.platform === 'mattermost' ? signFormState(input.formStateKey, value) : value,
        };
      }),
    },
  });
}
