import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyReference } from '../agency-reference.type';
import { LegalStatus, Pathway, PathwayStatus, ReleaseType } from '../case.enums';
import { Child } from '../child.type';
import { PageInfo } from '../child-page.type';
import { GraphQLLocalDate } from 'graphql-scalars';

export enum AccommodationProgress {
  NOT_REQUESTED = 'NOT_REQUESTED',
  REQUESTED = 'REQUESTED',
  OFFER_ACCEPTED = 'OFFER_ACCEPTED',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AccommodationProgress, { name: 'AccommodationProgress', description: 'Where the search for a release address stands' });

@ObjectType('CaseloadCustody', { description: 'Where the child is held and when they are due out' })
export class CaseloadCustody {
  @Field(() => AgencyReference, { nullable: true }) establishment: AgencyReference | null;
  @Field(() => LegalStatus, { nullable: true }) legalStatus: LegalStatus | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) releaseDate: string | null;
  @Field(() => ReleaseType, { nullable: true }) releaseType: ReleaseType | null;
  @Field(() => Int, { nullable: true, description: 'Calendar days from today' }) daysToRelease: number | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Set once released' }) releasedOn: string | null;
}

/** Each pathway's current status; a pathway whose scope is not shared with you is null with its reason. */
@ObjectType('PathwayReadiness')
export class PathwayReadiness {
  // Fields are @Scoped field resolvers in PathwayReadinessResolver.
  childId: string;
}

@ObjectType('CaseloadDeadline', { description: 'The next resettlement clock to run out' })
export class CaseloadDeadline {
  @Field() ruleCode: string;
  @Field() title: string;
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => GraphQLLocalDate) dueOn: string;
  @Field(() => Int, { description: 'Working days from today (England and Wales)' }) workingDaysRemaining: number;
}

@ObjectType('CaseloadDeadlines', { description: 'Deadlines of the current custody episode, over the pathways you may see' })
export class CaseloadDeadlines {
  @Field(() => CaseloadDeadline, { nullable: true }) next: CaseloadDeadline | null;
  @Field(() => Int) overdueCount: number;
}

@ObjectType('CaseloadEntry', { description: 'One child on a caseload: what a link worker needs at a glance' })
export class CaseloadEntry {
  @Field(() => Child) child: Child;
}

@ObjectType('CaseloadEdge')
export class CaseloadEdge {
  @Field() cursor: string;
  @Field(() => CaseloadEntry) node: CaseloadEntry;
}

@ObjectType('CaseloadConnection')
export class CaseloadConnection {
  @Field(() => [CaseloadEdge]) edges: CaseloadEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

export { PathwayStatus };
