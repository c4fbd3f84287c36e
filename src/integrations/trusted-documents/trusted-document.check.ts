import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '../../shared/auth/principal';
import type { Logger } from '../../shared/logging/logger';
import { DOCUMENT_HASH_HEADER, DOCUMENT_SIGNATURE_HEADER, verifyDocumentSignature } from './document-signature';
import type { TrustedDocuments } from './trusted-documents.loader';
import { documentHash } from './trusted-documents.schema';

export interface TrustedDocumentPolicy {
  trusted: TrustedDocuments;
  /** Shared with the gateway (INTERNAL_SIGNING_KEY). */
  signingKey: Buffer;
}

export const NOT_ALLOWED_MESSAGE = 'This client may only run the operations in its trusted documents';

/**
 * At a subgraph: a client with an enforced allow-list runs only its listed documents. Reached
 * directly, the document received is hashed; through the gateway, which splits the operation, the
 * gateway's signed hash of the client's original document counts instead, and only with a valid
 * signature over this caller's token and this very request. Staff users and clients without a
 * manifest are not concerned.
 */
export function checkTrustedDocument(policy: TrustedDocumentPolicy, principal: Principal, req: Request, logger: Logger, correlationId: string): void {
  if (principal.kind !== 'client') return;
  const allowList = policy.trusted.forClient(principal.handle);
  if (!allowList) return;
  // No document (e.g. a batch, which Apollo refuses anyway) hashes to nothing listed: refused.
  const document = documentOf(req) ?? '';
  const signed = headerValue(req, DOCUMENT_HASH_HEADER);
  let hash: string | undefined;
  if (signed === undefined) hash = documentHash(document);
  else {
    const signature = headerValue(req, DOCUMENT_SIGNATURE_HEADER) ?? '';
    const valid = verifyDocumentSignature(policy.signingKey, { originalHash: signed, signature }, req.headers.authorization, document);
    hash = valid ? signed : undefined;
  }
  if (hash !== undefined && allowList.ids.has(hash)) return;
  const fields = { clientId: principal.handle, documentHash: hash ?? null, reason: hash === undefined ? 'bad signature' : 'not in allow-list' };
  if (!allowList.enforce) {
    logger.info(fields, 'operation would be refused once trusted documents are enforced');
    return;
  }
  logger.warn(fields, 'operation refused: not a trusted document of this client');
  throw new GraphQLError(NOT_ALLOWED_MESSAGE, {
    extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', correlationId, http: { status: 403 } },
  });
}

function documentOf(req: Request): string | undefined {
  const body = req.body as { query?: unknown } | undefined;
  if (req.method === 'POST') return typeof body?.query === 'string' ? body.query : undefined;
  const query = (req.query as Record<string, unknown>).query;
  return typeof query === 'string' ? query : undefined;
}

function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
