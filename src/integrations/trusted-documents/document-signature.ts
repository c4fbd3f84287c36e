import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Set by the gateway on each subgraph request: the hash of the client's original document, and its signature. */
export const DOCUMENT_HASH_HEADER = 'x-hub-document-hash';
export const DOCUMENT_SIGNATURE_HEADER = 'x-hub-document-signature';

/**
 * HMAC-SHA256 binding the original document's hash to the caller's bearer token and to the
 * document this subgraph receives, so a signature seen once cannot vouch for another caller or
 * for another (sub)document.
 */
export function signDocument(key: Buffer, originalHash: string, authorization: string | undefined, subgraphDocument: string): string {
  return createHmac('sha256', key)
    .update(['v1', originalHash, sha256(authorization?.trim() ?? ''), sha256(subgraphDocument)].join('\n'))
    .digest('hex');
}

export function verifyDocumentSignature(
  key: Buffer,
  signed: { originalHash: string; signature: string },
  authorization: string | undefined,
  subgraphDocument: string,
): boolean {
  if (!/^[0-9a-f]{64}$/.test(signed.signature) || !/^[0-9a-f]{64}$/.test(signed.originalHash)) return false;
  const expected = Buffer.from(signDocument(key, signed.originalHash, authorization, subgraphDocument), 'hex');
  return timingSafeEqual(expected, Buffer.from(signed.signature, 'hex'));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
