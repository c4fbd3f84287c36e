import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AuditOperation, AuditOutcome } from '../../shared/audit/audit-entry';
import { PrincipalKind } from './me.type';

// Objects rather than TS enums, so the compiler insists they list exactly the audit contract's codes.
export const AuditOperationValue = {
  CONSULT: 'CONSULT',
  DISCLOSE: 'DISCLOSE',
  ALTER: 'ALTER',
  CONSENT_RECORD: 'CONSENT_RECORD',
  CONSENT_WITHDRAW: 'CONSENT_WITHDRAW',
  SHARE_WITHOUT_CONSENT: 'SHARE_WITHOUT_CONSENT',
  TEAM_COVER_GRANT: 'TEAM_COVER_GRANT',
  ERASE: 'ERASE',
  AUDIT_READ: 'AUDIT_READ',
} as const satisfies { [K in AuditOperation]: K };
registerEnumType(AuditOperationValue, { name: 'AuditOperation', description: 'What an audit entry records being done' });

export const AuditOutcomeValue = { ALLOWED: 'ALLOWED', DENIED: 'DENIED' } as const satisfies { [K in AuditOutcome]: K };
registerEnumType(AuditOutcomeValue, { name: 'AuditOutcome' });

@ObjectType('AuditActor', { description: 'Who acted: a staff user or a partner system, for one agency' })
export class AuditActor {
  @Field(() => PrincipalKind) kind: PrincipalKind;
  @Field(() => ID, { description: 'The staff user or partner system id' }) id: string;
  @Field(() => ID) agencyId: string;
  /* `agency` is resolved from agencyId by AuditActorResolver. */
  @Field(() => [String], { description: 'Role codes held at the time' }) roles: string[];
}

@ObjectType('AuditJustification', { description: 'What the hub relied on to allow it' })
export class AuditJustificationView {
  @Field(() => String, { nullable: true }) agreementId: string | null;
  @Field(() => Int, { nullable: true }) agreementVersion: number | null;
  @Field(() => [ID]) consentIds: string[];
  @Field(() => [ID], { description: 'Sharing-without-consent and team cover grants' }) grantIds: string[];
  @Field(() => String, { nullable: true, description: 'The case relationship, as a code' }) relationship: string | null;
  @Field(() => [ID], { description: 'For a disclosure: the agencies the data was sent to' }) recipientAgencyIds: string[];
}

@ObjectType('AuditLogEntry', { description: 'One line of the disclosure log. Ids and codes only.' })
export class AuditLogEntry {
  @Field(() => ID) id: string;
  @Field(() => GraphQLDateTime) occurredAt: Date;
  @Field(() => AuditActor) actor: AuditActor;
  @Field({ description: 'The purpose declared for the request, as a code' }) purpose: string;
  @Field(() => AuditOperationValue) operation: AuditOperation;
  @Field(() => AuditOutcomeValue) outcome: AuditOutcome;
  @Field(() => String, { nullable: true, description: 'Why it was denied, as a code' }) reason: string | null;
  @Field(() => [ID]) childIds: string[];
  @Field(() => [String], { description: 'Data scope codes, as stored (e.g. custody)' }) scopes: string[];
  @Field({ description: 'What was touched, e.g. child or mutation:recordConsent' }) resource: string;
  @Field(() => AuditJustificationView) justification: AuditJustificationView;
  @Field() correlationId: string;
}

@ObjectType('AuditLogEdge')
export class AuditLogEdge {
  @Field() cursor: string;
  @Field(() => AuditLogEntry) node: AuditLogEntry;
}

@ObjectType('AuditLogPageInfo')
export class AuditLogPageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('AuditLogConnection', { description: 'Audit entries, newest first' })
export class AuditLogConnection {
  @Field(() => [AuditLogEdge]) edges: AuditLogEdge[];
  @Field(() => AuditLogPageInfo) pageInfo: AuditLogPageInfo;
}
