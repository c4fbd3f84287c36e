import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Consent } from './consent.type';

@ObjectType('AgreementReference', { description: 'An information-sharing agreement, one version of it' })
export class AgreementReference {
  @Field() id: string;
  @Field(() => Int, { nullable: true }) version: number | null;
}

@ObjectType('SubjectAccessDisclosure', { description: 'What one agency saw of one scope of the child’s data, and under what' })
export class SubjectAccessDisclosure {
  @Field(() => ID) agencyId: string;
  /* `agency` is resolved from agencyId by SubjectAccessDisclosureResolver. */
  @Field(() => String, { nullable: true, description: 'Null if the agency no longer exists' }) agencyCode: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Data scope code (e.g. custody); null when the record was opened without scoped data, e.g. listed or its consents read',
  })
  scope: string | null;
  @Field(() => GraphQLDateTime) firstAt: Date;
  @Field(() => GraphQLDateTime) lastAt: Date;
  @Field(() => Int, { description: 'Requests that saw it' }) count: number;
  @Field(() => [AgreementReference]) agreements: AgreementReference[];
  @Field(() => [ID], { description: 'Consents relied on' }) consentIds: string[];
  @Field(() => [ID], { description: 'Sharing-without-consent and team cover grants relied on' }) grantIds: string[];
  @Field(() => [String], { description: 'Purposes declared, as codes' }) purposes: string[];
}

@ObjectType('SubjectAccessDeniedAttempt', { description: 'Refused attempts by one agency to see the child’s data, for one reason' })
export class SubjectAccessDeniedAttempt {
  @Field(() => ID) agencyId: string;
  /* `agency` is resolved from agencyId by SubjectAccessDeniedAttemptResolver. */
  @Field(() => String, { nullable: true }) agencyCode: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was refused, as a code (e.g. NOT_FOUND, CONSENT_WITHDRAWN)' })
  reason: string | null;
  @Field(() => [String], { description: 'Data scope codes asked for, if any' }) scopes: string[];
  @Field(() => GraphQLDateTime) firstAt: Date;
  @Field(() => GraphQLDateTime) lastAt: Date;
  @Field(() => Int) count: number;
}

@ObjectType('SubjectAccessReport', { description: 'For a subject access request: who saw or received which scopes of a child’s data, when, and under what' })
export class SubjectAccessReport {
  @Field(() => ID) childId: string;
  @Field(() => GraphQLDateTime) generatedAt: Date;
  @Field(() => [SubjectAccessDisclosure], { description: 'By agency, then scope' }) disclosures: SubjectAccessDisclosure[];
  @Field(() => [SubjectAccessDeniedAttempt]) deniedAttempts: SubjectAccessDeniedAttempt[];
  @Field(() => [Consent], { description: 'Every consent recorded for the child, newest first, withdrawn ones included' })
  consentHistory: Consent[];
  @Field({ description: 'The disclosures as RFC 4180 CSV with a header row: ids and codes only' }) csv: string;
}
