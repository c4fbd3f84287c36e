import type { RequestHandler, Response } from 'express';
import type { TrustedDocuments } from './trusted-documents.loader';
import { documentHash } from './trusted-documents.schema';

interface PersistedQueryExtension {
  version?: unknown;
  sha256Hash?: unknown;
}

/**
 * Apollo's persisted-query request shape (`extensions.persistedQuery.sha256Hash`, with or without
 * `query`): a hash alone is replaced by the registered document, a hash with a document must match
 * it. Only documents in a trusted-documents manifest are known; nothing is registered at run time
 * (Apollo's own automatic persisted queries are off). Whether the caller may run the document is
 * decided later, by each subgraph.
 */
export function resolvePersistedQueries(trusted: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    const extensions = req.method === 'POST' && body && !Array.isArray(body) ? body.extensions : undefined;
    if (!isObject(extensions) || !('persistedQuery' in extensions)) return next();
    const persisted = extensions.persistedQuery as PersistedQueryExtension;
    const hash = isObject(persisted) && persisted.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
    if (!hash || !/^[0-9a-f]{64}$/.test(hash)) {
      return refuse(res, 400, 'BAD_REQUEST', 'extensions.persistedQuery must be { version: 1, sha256Hash: <lowercase hex SHA-256> }');
    }
    if (typeof body!.query === 'string') {
      if (documentHash(body!.query) !== hash) return refuse(res, 400, 'BAD_REQUEST', 'sha256Hash is not the hash of query');
    } else {
      const registered = trusted.bodyOf(hash);
      if (!registered) return refuse(res, 200, 'PERSISTED_QUERY_NOT_FOUND', 'No trusted document has this hash; send a registered id');
      body!.query = registered;
    }
    delete extensions.persistedQuery;
    next();
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, correlationId: res.locals.correlationId } }] });
}
