import { type ChatButtons } from '../message/chat-message';
import { type MattermostAttachment } from './mattermost-message';

/**
 * Buttons as a Mattermost attachment's actions. A click makes Mattermost POST the action's
 * `integration.context` to `actionUrl`; the button's value is there as `choice`. Mattermost finds
 * the clicked action by its id in the post and routes only ids of letters and digits, so each
 * button gets its own: the action id without other characters, and its position.
 */
export function mattermostButtonAttachment(buttons: ChatButtons): MattermostAttachment {
  return {
    actions: buttons.items.map((item, index) => ({
      id: `${item.actionId.replace(/[^a-zA-Z0-9]/g, '') || 'action'}${index}`,
      type: 'button',
      name: item.text,
      ...(item.style ? { style: item.style } : {}),
      integration: { url: buttons.actionUrl, context: { choice: item.value } },
    })),
  };
}
