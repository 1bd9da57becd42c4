import { type OutboundGuard } from '@chatops/outbound';
import { httpFailure, requestFailure } from '../destinations/http-failure';
import { type MattermostDialog } from '../form/render-dialog';
import { GuardedClient4 } from './guarded-client4';

/** Client4 with the one call it lacks: opening an interactive dialog. */
class DialogClient extends GuardedClient4 {
  openInteractiveDialog(payload: { trigger_id: string; url: string; dialog: MattermostDialog }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, {
      method: 'post',
      body: JSON.stringify(payload),
    });
  }
}

/** A Mattermost server and the bot token chatops acts with there. */
export interface MattermostAccess {
  serverUrl: string;
  token: string;
}

/**
 * Opens Mattermost interactive dialogs (`POST /api/v4/actions/dialogs/open`), through the
 * outbound guard: the server URL is a stored connection's.
 */
export class MattermostDialogs {
  constructor(private readonly outbound: OutboundGuard) {}

  /**
   * Opens `dialog` for the user whose command or button gave `triggerId` (valid a few seconds);
   * Mattermost posts the submission to `url`.
   */
  async open(access: MattermostAccess, triggerId: string, url: string, dialog: MattermostDialog): Promise<void> {
    const client = new DialogClient(this.outbound);
    client.setUrl(access.serverUrl);
    client.setToken(access.token);
    try {
      await client.openInteractiveDialog({ trigger_id: triggerId, url, dialog });
    } catch (error) {
      const status = (error as { status_code?: number }).status_code;
      if (typeof status === 'number' && status > 0)
        throw httpFailure(status, (error as { server_error_id?: string }).server_error_id, undefined, error);
      throw requestFailure(error);
    }
  }
}
