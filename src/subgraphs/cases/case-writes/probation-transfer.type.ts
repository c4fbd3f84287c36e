import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { ProbationTransferStatus } from './case-writes.enums';

@ObjectType('ProbationTransfer', { description: 'The move of a child turning 18 to adult probation: referral, joint working, handover' })
export class ProbationTransfer {
  @Field(() => ID) id: string;
  @Field(() => AgencyReference) probationAgency: AgencyReference;
  @Field(() => ProbationTransferStatus) status: ProbationTransferStatus;
  @Field(() => GraphQLLocalDate) referredOn: string;
  @Field(() => AgencyReference, { nullable: true }) referredBy: AgencyReference | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) jointWorkingFrom: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) handoverOn: string | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Handover plus two months: the youth justice service keeps the case open until then as contingency',
  })
  yjsContingencyUntil: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) cancelledOn: string | null;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}
