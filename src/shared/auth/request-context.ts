import type { Logger } from '../logging/logger';
import type { Principal } from './principal';

/** Passed explicitly as the first argument of every service call; nothing global holds the caller. */
export interface RequestContext {
  principal: Principal;
  correlationId: string;
  clientAddress: string | null;
  userAgent: string | null;
  logger: Logger;
}

export interface GraphQLContext {
  request: RequestContext;
}
