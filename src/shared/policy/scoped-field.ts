import { Extensions, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { GraphQLContext } from '../auth/request-context';
import type { ChildAccessDecision } from './child-access-decision';
import type { DataScope } from './data-scope';
import { ScopeForbiddenError } from './policy.errors';

/** Objects that carry child data hold the caller's access decision for that child under this key. */
export const CHILD_ACCESS = Symbol('childAccess');

export interface CarriesChildAccess {
  [CHILD_ACCESS]: ChildAccessDecision;
}

export function withChildAccess<T extends object>(value: T, access: ChildAccessDecision): T & CarriesChildAccess {
  return Object.assign(value, { [CHILD_ACCESS]: access });
}

/** The GraphQL field extension the scope-coverage test reads. */
export const DATA_SCOPE_EXTENSION = 'dataScope';

/**
 * Declares the data scope a field belongs to and guards it: outside the caller's allowed scopes
 * the field resolves to null with FORBIDDEN and the reason, and both outcomes are audited.
 */
export function Scoped(scope: DataScope): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<GraphQLContext> = async ({ root, context, info }, next) => {
    const access = (root as Partial<CarriesChildAccess>)[CHILD_ACCESS];
    if (!access) throw new Error(`${info.parentType.name}.${info.fieldName} has no child access decision`);
    const decision = access.scopes.get(scope);
    const resource = `${info.parentType.name}.${info.fieldName}`;
    if (!decision?.allowed) {
      const reason = decision?.reason ?? 'NOT_PERMITTED';
      context.request.audit.denied([access.childId], reason, resource, [scope]);
      throw new ScopeForbiddenError(scope, reason);
    }
    const value = await next();
    if (value !== null && value !== undefined) context.request.audit.consulted(access, scope, resource);
    return value;
  };
  const extension = Extensions({ [DATA_SCOPE_EXTENSION]: scope });
  const middleware = UseMiddleware(guard);
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    extension(target, propertyKey as string, descriptor as never);
    middleware(target, propertyKey as string, descriptor as never);
  };
}
