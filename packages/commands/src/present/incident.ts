import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';

/** `incident declare` where no project for incidents has been set up. */
export function incidentsNotConfiguredReply(flavour: ChatFlavour): CommandReply {
  return ephemeral({ text: 'Incident declaration is not configured yet. Ask an administrator to set it up.' }, flavour);
}
