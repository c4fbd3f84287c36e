import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyReference } from './agency-reference.type';
import { CustodyStatus, LegalStatus, ReleaseDateChangeReason, ReleaseType, SentenceType } from './case.enums';

@ObjectType('CustodyEpisode', { description: 'A period in custody, from entry to release' })
export class CustodyEpisode {
  @Field(() => ID) id: string;
  @Field(() => AgencyReference) establishment: AgencyReference;
  @Field(() => LegalStatus) legalStatus: LegalStatus;
  @Field(() => SentenceType, { nullable: true }) sentenceType: SentenceType | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) sentenceDate: string | null;
  @Field(() => GraphQLLocalDate) entryDate: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The planned release date as it stands now' })
  releaseDate: string | null;
  @Field(() => ReleaseType, { nullable: true }) releaseType: ReleaseType | null;
  @Field(() => Int, { nullable: true, description: 'Calendar days from today to the planned release date' })
  daysToRelease: number | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) actualReleaseDate: string | null;
  @Field(() => CustodyStatus) status: CustodyStatus;
  @Field(() => Int, { description: 'Send back with a change, to detect concurrent edits' }) version: number;
}

@ObjectType('ReleaseDateChange', { description: 'One change to a release date, with its reason; never rewritten' })
export class ReleaseDateChange {
  @Field(() => GraphQLLocalDate, { nullable: true }) previousReleaseDate: string | null;
  @Field(() => GraphQLLocalDate) newReleaseDate: string;
  @Field(() => ReleaseType, { nullable: true }) previousReleaseType: ReleaseType | null;
  @Field(() => ReleaseType) newReleaseType: ReleaseType;
  @Field(() => ReleaseDateChangeReason) reasonCode: ReleaseDateChangeReason;
  @Field() reason: string;
  @Field(() => AgencyReference) responsibleAgency: AgencyReference;
  @Field(() => GraphQLDateTime) changedAt: Date;
}

@ObjectType('CaseManagement', { description: 'Case management and transitions: custody, sentence and release' })
export class CaseManagement {
  @Field(() => CustodyEpisode, { nullable: true, description: 'The open custody episode, or the latest one' })
  custody: CustodyEpisode | null;
  @Field(() => [ReleaseDateChange], { description: 'Every change of release date for that episode, oldest first' })
  releaseDateHistory: ReleaseDateChange[];
}
