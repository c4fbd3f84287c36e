import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CORRELATION_HEADER } from '../shared/http/correlation-id';
import { DOCUMENT_HASH_HEADER, DOCUMENT_SIGNATURE_HEADER, signDocument } from '../integrations/trusted-documents/document-signature';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

export interface GatewayContext {
  authorization?: string;
  correlationId: string;
  clientAddress?: string;
  userAgent?: string;
  purpose?: string;
  /** SHA-256 of the client's original document. */
  documentHash?: string;
}

/**
 * Forwards the caller's bearer token, correlation id, address and agent to each subgraph, and the
 * signed hash of the caller's original document. It decides nothing: every subgraph authenticates
 * and authorises on its own.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signingKey: Buffer;

  constructor(config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] & { signingKey: Buffer }) {
    const { signingKey, ...rest } = config;
    super(rest);
    this.signingKey = signingKey;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !('correlationId' in context)) return;
    if (context.authorization) headers.set('authorization', context.authorization);
    headers.set(CORRELATION_HEADER, context.correlationId);
    if (context.clientAddress) headers.set('x-forwarded-for', context.clientAddress);
    if (context.userAgent) headers.set('user-agent', context.userAgent);
    if (context.purpose) headers.set('x-purpose', context.purpose);
    // Subgraphs never see the client's document, only their part of it: they check a client's
    // allow-list against this hash, trusted only with a signature bound to this token and this part.
    if (context.documentHash && request.query) {
      headers.set(DOCUMENT_HASH_HEADER, context.documentHash);
      headers.set(DOCUMENT_SIGNATURE_HEADER, signDocument(this.signingKey, context.documentHash, context.authorization, request.query));
    }
  }

  /** A subgraph that cannot be reached (down, restarting) leaves its part of the answer SERVICE_UNAVAILABLE. */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): never {
    if (response) throw error;
    throw new GraphQLError('Part of the answer is temporarily unavailable; please try again shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }

  /** Passes on the subgraph's own error (code and message) without the upstream URL or body. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let first: { message?: unknown; extensions?: { code?: unknown } } | undefined;
    try {
      first = ((await response.json()) as { errors?: (typeof first)[] }).errors?.[0];
    } catch {
      first = undefined;
    }
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : statusCode(response.status);
    const message = typeof first?.message === 'string' ? first.message : `Subgraph answered ${response.status}`;
    return new GraphQLError(message, { extensions: { code } });
  }
}

function statusCode(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}
