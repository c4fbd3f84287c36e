import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { CarriesChildAccess } from '../../shared/policy/scoped-field';
import type { AccommodationRequestEntity } from './accommodation-request.entity';
import { AccommodationRequestStatus } from './accommodation.enums';
import { AgencyReference, ChildReference } from './federated-references.type';

/**
 * An accommodation request. Its workflow fields are here; the referral, recipients, offers and
 * progress records are child data, resolved (and scope-guarded) by AccommodationRequestResolver.
 */
@ObjectType('AccommodationRequest', { description: 'A search for a child’s release address among housing providers' })
export class AccommodationRequest {
  @Field(() => ID) id: string;
  @Field(() => ChildReference, { description: 'The child, in the cases subgraph (which authorises every field again)' })
  child: ChildReference;
  @Field(() => AgencyReference) requestedBy: AgencyReference;
  @Field(() => AccommodationRequestStatus) status: AccommodationRequestStatus;
  @Field(() => String, { nullable: true, description: 'Reason code of the last withdrawal or re-opening' }) statusReason: string | null;
  @Field(() => GraphQLDateTime) createdAt: Date;
  @Field(() => GraphQLDateTime) updatedAt: Date;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}

/** Who is looking: a provider sees only its own part of the request. */
export interface RequestViewer {
  /** The provider agency whose part alone is visible; null for the requesting side's full view. */
  providerAgencyId: string | null;
}

export type AccommodationRequestView = AccommodationRequest & CarriesChildAccess & { entity: AccommodationRequestEntity; viewer: RequestViewer };

@ObjectType('AccommodationRequestEdge')
export class AccommodationRequestEdge {
  @Field() cursor: string;
  @Field(() => AccommodationRequest) node: AccommodationRequest;
}

@ObjectType('AccommodationRequestPageInfo')
export class AccommodationRequestPageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('AccommodationRequestConnection', { description: 'Requests you may see, soonest release first' })
export class AccommodationRequestConnection {
  @Field(() => [AccommodationRequestEdge]) edges: AccommodationRequestEdge[];
  @Field(() => AccommodationRequestPageInfo) pageInfo: AccommodationRequestPageInfo;
  @Field(() => Int) totalCount: number;
}
