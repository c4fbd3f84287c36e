import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../../shared/auth/request-context';
import { ValidationError } from '../../../shared/errors/domain.error';
import { parseUuid } from '../../../shared/graphql/uuid';
import type { AlertService } from './alert.service';
import { Alert, AlertConnection } from './alert.type';
import { AlertStatusFilter } from './deadlines.enums';

const DEFAULT_ALERT_PAGE = 20;

/** Thin: parse, call the service. */
@Resolver(() => Alert)
export class AlertResolver {
  constructor(private readonly service: AlertService) {}

  @Query(() => AlertConnection, { description: 'Alerts addressed to your agency and your roles, newest first' })
  alerts(
    @Ctx() { request }: GraphQLContext,
    @Arg('status', () => AlertStatusFilter, { defaultValue: AlertStatusFilter.OPEN }) status: AlertStatusFilter,
    @Arg('first', () => Int, { defaultValue: DEFAULT_ALERT_PAGE }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<AlertConnection> {
    return this.service.list(request, status, first, after ?? undefined);
  }

  @Mutation(() => Alert, { description: 'Marks an alert addressed to you as seen. Acknowledging it again changes nothing.' })
  acknowledgeAlert(
    @Ctx() { request }: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version you read; CONFLICT if it has changed since' })
    version?: number | null,
  ): Promise<Alert> {
    if (version !== undefined && version !== null && version < 1) throw new ValidationError('version', 'must be at least 1');
    return this.service.acknowledge(request, parseUuid('id', id), version ?? undefined);
  }
}
