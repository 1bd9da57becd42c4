/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), if any. */
export function bearerToken(header: string | undefined, schemes: readonly string[] = ['bearer']): string | undefined {
  if (header === undefined) return undefined;
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (match === null) return undefined;
  const [, scheme, token] = match;
  if (scheme === undefined || token === undefined) return undefined;
  return schemes.includes(scheme.toLowerCase()) ? token.trim() : undefined;
}

/** Credentials of an `Authorization: Basic` header, as OAuth clients send client id and secret. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const encoded = bearerToken(header, ['basic']);
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: client id and secret are form-urlencoded before being joined.
  return { user: formDecode(decoded.slice(0, colon)), password: formDecode(decoded.slice(colon + 1)) };
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
