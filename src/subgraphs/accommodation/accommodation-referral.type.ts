import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { DataScope } from '../../shared/policy/data-scope';
import { Scoped, type CarriesChildAccess } from '../../shared/policy/scoped-field';
import { Sex } from '../cases/case.enums';
import { PlacementLicenceCondition, PlacementRestriction, SupportLevel } from './accommodation.enums';

@ObjectType('PlacementLicenceConditionDetail')
export class LicenceConditionView {
  @Field(() => PlacementLicenceCondition) kind: PlacementLicenceCondition;
  @Field(() => String, { nullable: true, description: 'What the placement must respect, e.g. the curfew hours' }) detail: string | null;
}

@ObjectType('PlacementRisks', { description: 'What a placement must respect, never why: no offence or risk assessment detail' })
export class PlacementRisksView {
  @Field(() => [String], { description: 'Areas the child must not enter or live in' }) exclusionZones: string[];
  @Field(() => [LicenceConditionView]) licenceConditions: LicenceConditionView[];
  @Field(() => [PlacementRestriction]) restrictions: PlacementRestriction[];
}

/**
 * The minimised referral a housing provider receives: only what a safe placement needs (domain
 * §4). Every field is child data of the identity or accommodation scope and guarded as such;
 * there is deliberately no offence, health, safeguarding or family field here.
 */
@ObjectType('AccommodationReferral', { description: 'What a safe placement needs to know, and nothing more' })
export class AccommodationReferral {
  @Field(() => Int, { nullable: true, description: 'Age in whole years on the release date' })
  @Scoped(DataScope.IDENTITY)
  ageAtRelease: number | null;

  @Field(() => Sex, { nullable: true })
  @Scoped(DataScope.IDENTITY)
  sex: Sex | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The release date the accommodation is needed from' })
  @Scoped(DataScope.ACCOMMODATION)
  releaseDate: string | null;

  @Field(() => String, { nullable: true, description: 'The area the child will be released to' })
  @Scoped(DataScope.ACCOMMODATION)
  releaseArea: string | null;

  @Field(() => [String], { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  preferredAreas: string[];

  @Field(() => String, { nullable: true, description: 'The child’s own wishes about where and how to live' })
  @Scoped(DataScope.ACCOMMODATION)
  childWishes: string | null;

  @Field(() => SupportLevel, { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  supportLevel: SupportLevel;

  @Field(() => [String], { nullable: true, description: 'Support the placement must provide' })
  @Scoped(DataScope.ACCOMMODATION)
  supportNeeds: string[];

  @Field(() => PlacementRisksView, { nullable: true })
  @Scoped(DataScope.ACCOMMODATION)
  placementRisks: PlacementRisksView;
}

export type AccommodationReferralView = AccommodationReferral & CarriesChildAccess;
