import type { RequestContext } from '../../shared/auth/request-context';
import { NotFoundError } from '../../shared/errors/domain.error';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import type { PolicyAction, PolicySubject } from '../../shared/policy/policy-set';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { AgencyType } from '../sharing/agency.enums';
import { AccommodationRequestRecipientEntity } from './accommodation-request-recipient.entity';
import type { AccommodationRequestEntity } from './accommodation-request.entity';
import type { AccommodationStore } from './accommodation.store';

const SCOPES = ['accommodation'];

/**
 * The two sides of a request. The policy layer decides what the caller may do within the child's
 * case (a housing provider may write only its own part: see relationships.ts); which side of the
 * request an action belongs to is decided here.
 */
export async function authoriseRequester(
  ctx: RequestContext,
  request: AccommodationRequestEntity,
  action: PolicyAction,
  subject: PolicySubject,
  resource: string,
): Promise<void> {
  await authoriseChild(ctx, request.childId, action, subject, resource);
  if (ctx.principal.agency.type === AgencyType.HOUSING_PROVIDER) {
    ctx.audit.denied([request.childId], 'NOT_PERMITTED', resource, SCOPES, 'ALTER');
    throw new ForbiddenError('Only the requesting side of an accommodation request can do this');
  }
}

/**
 * A housing provider acting on its own part: it must take part in the request now (its access
 * has not ended). A provider whose part ended sees nothing, so the answer is NOT_FOUND.
 */
export async function authoriseProvider(
  ctx: RequestContext,
  store: AccommodationStore,
  request: AccommodationRequestEntity,
  action: PolicyAction,
  subject: PolicySubject,
  resource: string,
): Promise<AccommodationRequestRecipientEntity> {
  await authoriseChild(ctx, request.childId, action, subject, resource);
  if (ctx.principal.agency.type !== AgencyType.HOUSING_PROVIDER) {
    ctx.audit.denied([request.childId], 'NOT_PERMITTED', resource, SCOPES, 'ALTER');
    throw new ForbiddenError('Only a housing provider the request is addressed to can do this');
  }
  const part = await store.db.getRepository(AccommodationRequestRecipientEntity).findOne({
    where: { requestId: request.id, providerAgencyId: ctx.principal.agency.id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!part || (part.accessEndsAt && part.accessEndsAt.getTime() <= store.now.getTime())) {
    ctx.audit.denied([request.childId], 'NOT_FOUND', resource, SCOPES, 'ALTER');
    throw new NotFoundError('Accommodation request');
  }
  return part;
}

async function authoriseChild(ctx: RequestContext, childId: string, action: PolicyAction, subject: PolicySubject, resource: string) {
  try {
    await authoriseForChild(ctx, childId, action, subject, { resource, operation: 'ALTER', scopes: SCOPES });
  } catch (error) {
    // A request about a child the caller cannot see does not exist for the caller.
    throw error instanceof NotFoundError ? new NotFoundError('Accommodation request') : error;
  }
}
