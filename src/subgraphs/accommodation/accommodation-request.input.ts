import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, IsUUID, Length, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { PlacementLicenceCondition, PlacementRestriction, SupportLevel } from './accommodation.enums';

@InputType('PlacementLicenceConditionInput')
export class LicenceConditionInput {
  @Field(() => PlacementLicenceCondition) kind: PlacementLicenceCondition;

  @Field(() => String, { nullable: true, description: 'What the placement must respect (e.g. curfew hours); never victims’ names or offence detail' })
  @IsOptional()
  @Length(1, 300)
  detail?: string;
}

@InputType('PlacementRisksInput', { description: 'Only the risk facts the housing agreement allows: what a placement must respect, never why' })
export class PlacementRisksInput {
  @Field(() => [String], { defaultValue: [], description: 'Areas the child must not enter or live in' })
  @ArrayMaxSize(10)
  @Length(2, 200, { each: true })
  exclusionZones: string[];

  @Field(() => [LicenceConditionInput], { defaultValue: [] })
  @ArrayMaxSize(10)
  @ValidateNested()
  licenceConditions: LicenceConditionInput[];

  @Field(() => [PlacementRestriction], { defaultValue: [] })
  @ArrayUnique()
  restrictions: PlacementRestriction[];
}

@InputType('CreateAccommodationRequestInput')
export class CreateAccommodationRequestInput {
  @Field(() => ID) @IsUUID() childId: string;

  @Field(() => [ID], { description: 'The housing providers to send the referral to' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  providerAgencyIds: string[];

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to the planned release date of the open custody episode' })
  releaseDate?: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the child’s home local authority' })
  @IsOptional()
  @Length(2, 100)
  releaseArea?: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(10)
  @Length(2, 100, { each: true })
  preferredAreas: string[];

  @Field(() => String, { nullable: true, description: 'The child’s own wishes, in their words where possible' })
  @IsOptional()
  @Length(1, 2000)
  childWishes?: string;

  @Field(() => SupportLevel) supportLevel: SupportLevel;

  @Field(() => [String], { defaultValue: [], description: 'Support the placement must provide' })
  @ArrayMaxSize(20)
  @Length(1, 300, { each: true })
  supportNeeds: string[];

  @Field(() => PlacementRisksInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  placementRisks?: PlacementRisksInput;
}
