import { z } from 'zod';

/** What the installer wrote on the install page: sent along the OAuth state, read back at the callback. */
const metadataSchema = z.object({ message: z.string().max(2000).default('') });
export type InstallMetadata = z.output<typeof metadataSchema>;

export const encodeInstallMetadata = (metadata: InstallMetadata): string => JSON.stringify(metadata);

export function decodeInstallMetadata(raw: string | undefined): InstallMetadata {
  if (!raw) return { message: '' };
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { message: '' };
  } catch {
    return { message: '' };
  }
}
