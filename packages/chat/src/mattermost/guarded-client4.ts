import { Client4 } from '@mattermost/client';
import { type OutboundGuard } from '@chatops/outbound';

/**
 * Client4 whose every request goes through the outbound guard's dispatcher: a Mattermost server
 * URL is the operator's or a user's input, so each connection to it (redirects included) is
 * checked where it is made. Client4 calls the global fetch, which takes undici's `dispatcher`.
 */
export class GuardedClient4 extends Client4 {
  constructor(private readonly outbound: OutboundGuard) {
    super();
  }

  override getOptions(options: Parameters<Client4['getOptions']>[0]): ReturnType<Client4['getOptions']> {
    return { ...super.getOptions(options), dispatcher: this.outbound.dispatcher } as ReturnType<Client4['getOptions']>;
  }
}
