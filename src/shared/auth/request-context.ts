import type { DisclosureRecorder } from '../audit/disclosure-recorder';
import type { RequestTransaction } from '../db/request-transaction';
import type { RequestLoaders } from '../graphql/request-loaders';
import type { Logger } from '../logging/logger';
import type { AccessControl } from '../policy/access-control';
import type { Principal } from './principal';

/** Passed explicitly as the first argument of every service call; nothing global holds the caller. */
export interface RequestContext {
  principal: Principal;
  correlationId: string;
  clientAddress: string | null;
  userAgent: string | null;
  /** Declared by the caller (`x-purpose` header) or the default purpose of their work. */
  purpose: string;
  logger: Logger;
  access: AccessControl;
  tx: RequestTransaction;
  audit: DisclosureRecorder;
  loaders: RequestLoaders;
}

export interface GraphQLContext {
  request: RequestContext;
}
