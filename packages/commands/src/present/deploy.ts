import { markdownLink, stripMarkup } from '@chatops/messages';
import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral, inChannel } from './format-reply';

/** The deployment to show after `deploy <from> to <to>` started its manual job. */
export interface StartedDeployment {
  from: string;
  to: string;
  /** The web URL of the job that deploys. */
  jobUrl: string;
}

/** `deploy`: the deployment job started; the channel gets a link to follow it. */
export function deployStartedReply(deployment: StartedDeployment, flavour: ChatFlavour): CommandReply {
  // The environment names come from the user's text.
  const from = stripMarkup(deployment.from);
  const to = stripMarkup(deployment.to);
  const progress = markdownLink('Follow its progress', deployment.jobUrl);
  return inChannel({ text: `Deployment started from ${from} to ${to}. ${progress}.` }, flavour);
}

/** `deploy`: no single manual action deploys from that environment to the target. */
export function deployNoActionReply(flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: "Couldn't find a deployment manual action." }, flavour);
}
