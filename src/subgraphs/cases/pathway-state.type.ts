import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyReference } from './agency-reference.type';
import { LookedAfterStatus, Pathway, PathwayStatus } from './case.enums';

@ObjectType('PathwayUpdateRecord', { description: 'One append-only update to a pathway, by the agency that owns the fact' })
export class PathwayUpdateRecord {
  @Field(() => ID) id: string;
  @Field(() => PathwayStatus) status: PathwayStatus;
  @Field() summary: string;
  @Field(() => AgencyReference) responsibleAgency: AgencyReference;
  @Field(() => GraphQLDateTime) recordedAt: Date;
  @Field(() => Boolean, { nullable: true, description: 'ETE: arranged from day one after release, if this update says' })
  dayOneArranged: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'HEALTH: registered with a GP for release, if this update says' })
  gpRegistered: boolean | null;
}

/** The yes/no release arrangements an update's stored details state (null where it says nothing). */
export function releaseArrangementsOf(details: Record<string, unknown>): Pick<PathwayUpdateRecord, 'dayOneArranged' | 'gpRegistered'> {
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : null);
  return { dayOneArranged: flag(details.dayOneArranged), gpRegistered: flag(details.gpRegistered) };
}

@ObjectType('PathwayState', { description: 'Where one resettlement pathway stands: its latest update and history' })
export class PathwayState {
  @Field(() => Pathway) pathway: Pathway;
  @Field(() => PathwayStatus) status: PathwayStatus;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => AgencyReference, { nullable: true }) responsibleAgency: AgencyReference | null;
  @Field(() => GraphQLDateTime, { nullable: true }) updatedAt: Date | null;
  @Field(() => [PathwayUpdateRecord], { description: 'Newest first' }) history: PathwayUpdateRecord[];
}

@ObjectType('Families', { description: 'Parents and carers, and looked-after or care-leaver status' })
export class Families {
  @Field(() => LookedAfterStatus) lookedAfterStatus: LookedAfterStatus;
  @Field(() => PathwayState) pathway: PathwayState;
}
