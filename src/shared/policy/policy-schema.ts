import { z } from 'zod';
import { AgencyType } from '../../subgraphs/sharing/agency.enums';
import { DataScope } from './data-scope';
import type { AgreementStatus, PolicyAction, PolicySubject } from './policy-set';

const SUBJECTS: { readonly [S in PolicySubject]: S } = {
  Child: 'Child',
  CustodyEpisode: 'CustodyEpisode',
  PathwayUpdate: 'PathwayUpdate',
  Meeting: 'Meeting',
  Consent: 'Consent',
  SharingWithoutConsent: 'SharingWithoutConsent',
  TeamCoverGrant: 'TeamCoverGrant',
  AccessExplanation: 'AccessExplanation',
  AuditLog: 'AuditLog',
  AccommodationRequest: 'AccommodationRequest',
  AccommodationOffer: 'AccommodationOffer',
  Alert: 'Alert',
  DataRequest: 'DataRequest',
  Report: 'Report',
};
const ACTIONS: { readonly [A in PolicyAction]: A } = { read: 'read', create: 'create', update: 'update', delete: 'delete' };
const STATUSES: { readonly [S in AgreementStatus]: S } = {
  draft: 'draft',
  active: 'active',
  suspended: 'suspended',
  expired: 'expired',
};

export const POLICY_SUBJECTS: readonly PolicySubject[] = Object.values(SUBJECTS);
export const POLICY_ACTIONS: readonly PolicyAction[] = Object.values(ACTIONS);

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Runs a check even when sibling fields failed, so a file reports all its problems at once. */
const EVEN_AFTER_ERRORS = { when: () => true };

function strictObject<Shape extends z.ZodRawShape>(shape: Shape, keyName = 'key') {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown ${keyName} (expected one of: ${known})` : undefined),
  });
}

function oneOf<const E extends Readonly<Record<string, string>>>(values: E, what: string) {
  return z.enum(values, {
    error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)} (expected one of: ${Object.values(values).join(', ')})`,
  });
}

const text = z.string().trim().min(1, 'must not be empty');
const code = (pattern: RegExp, example: string) =>
  z.string().regex(pattern, `must look like ${example}`);
export const isoDateSchema = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });
const isoDuration = z.iso.duration({ error: 'must be an ISO 8601 duration such as P7Y or P18M' });
const positiveVersion = z.number().int('must be a whole number').positive('must be 1 or more');

export const agencyTypeSchema = oneOf(AgencyType, 'agency type');
export const dataScopeSchema = oneOf(DataScope, 'scope');
const actionSchema = oneOf(ACTIONS, 'action');

/**
 * Adds an issue at each repeat of a value in a list: of the items themselves, or of `field`
 * inside each item, so the issue points at the repeated field.
 */
function noRepeats(what: string, field?: string) {
  return (items: unknown, ctx: z.RefinementCtx) => {
    if (!Array.isArray(items)) return;
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      const value = field === undefined ? item : (item as Record<string, unknown> | null)?.[field];
      if (typeof value !== 'string') return;
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          path: field === undefined ? [index] : [index, field],
          message: `${what} ${JSON.stringify(value)} is listed more than once`,
        });
      }
      seen.add(value);
    });
  };
}

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, 'must list at least one').superRefine(noRepeats(what), EVEN_AFTER_ERRORS);

const uniqueListBy = <T extends z.ZodType>(item: T, field: string, what: string) =>
  z.array(item).min(1, 'must list at least one').superRefine(noRepeats(what, field), EVEN_AFTER_ERRORS);

// --- roles.yaml ---

const actionList = uniqueList(actionSchema, 'action');
const permissionShape = Object.fromEntries(POLICY_SUBJECTS.map((subject) => [subject, actionList.optional()])) as {
  [S in PolicySubject]: z.ZodOptional<typeof actionList>;
};
const permissionsSchema = strictObject(permissionShape, 'subject').refine(
  (permissions) => Object.values(permissions).some((actions) => actions !== undefined),
  'must grant at least one permission',
);

const roleSchema = strictObject({
  name: code(UPPER_SNAKE, 'CASE_MANAGER'),
  description: text,
  agencyTypes: uniqueList(agencyTypeSchema, 'agency type'),
  permissions: permissionsSchema,
  scopes: uniqueList(dataScopeSchema, 'scope').optional(),
});

const clientScopeSchema = strictObject({
  name: code(/^[a-z]+:[a-z]+$/, 'cases:read'),
  description: text,
  permissions: permissionsSchema,
  scopes: uniqueList(dataScopeSchema, 'scope').optional(),
});

export const rolesFileSchema = strictObject({
  version: positiveVersion,
  roles: uniqueListBy(roleSchema, 'name', 'role'),
  clientScopes: z.array(clientScopeSchema).superRefine(noRepeats('client scope', 'name'), EVEN_AFTER_ERRORS),
});

// --- agreements/*.yaml ---

const scopeGrantSchema = strictObject({
  scope: dataScopeSchema,
  consentRequired: z.boolean(),
  withoutConsentAllowed: z.boolean(),
}).superRefine((grant, ctx) => {
  // Without consent is an exception to a consent requirement; on a scope shared freely it means
  // nothing, and writing it suggests the author expected consent to be asked.
  if (grant?.consentRequired === false && grant.withoutConsentAllowed === true) {
    ctx.addIssue({
      code: 'custom',
      path: ['withoutConsentAllowed'],
      message: 'only applies where consentRequired is true',
    });
  }
}, EVEN_AFTER_ERRORS);

const recipientSchema = strictObject({
  agencyType: agencyTypeSchema,
  scopes: uniqueListBy(scopeGrantSchema, 'scope', 'scope'),
});

const purposeSchema = strictObject({
  code: code(UPPER_SNAKE, 'RESETTLEMENT_PLANNING'),
  description: text,
  lawfulBasis: uniqueList(code(UPPER_SNAKE, 'UK_GDPR_ART6_1E_PUBLIC_TASK'), 'lawful basis'),
});

export const agreementFileSchema = strictObject({
  id: code(KEBAB, 'swy-resettlement-isa'),
  version: positiveVersion,
  title: text,
  description: text,
  consortium: code(UPPER_SNAKE, 'SWY'),
  status: oneOf(STATUSES, 'status'),
  parties: strictObject({
    agencyTypes: uniqueList(agencyTypeSchema, 'agency type'),
    agencyCodes: uniqueList(code(UPPER_SNAKE, 'LEEDS_YJS'), 'agency code'),
  }),
  purposes: uniqueListBy(purposeSchema, 'code', 'purpose'),
  recipients: uniqueListBy(recipientSchema, 'agencyType', 'recipient agency type'),
  validFrom: isoDateSchema,
  validUntil: isoDateSchema,
  reviewDate: isoDateSchema,
  retention: isoDuration,
  contacts: z.array(strictObject({ role: text, email: z.email('must be an email address') })).min(1, 'must list at least one'),
}).superRefine((agreement, ctx) => {
  checkDateOrder(agreement, ctx);
  checkRecipientsAreParties(agreement, ctx);
}, EVEN_AFTER_ERRORS);

export type AgreementFile = z.output<typeof agreementFileSchema>;

type Partly<T> = { [K in keyof T]?: unknown } | null | undefined;
const isDate = (value: unknown): value is string => isoDateSchema.safeParse(value).success;

function checkDateOrder(agreement: Partly<AgreementFile>, ctx: z.RefinementCtx): void {
  const { validFrom, validUntil, reviewDate } = agreement ?? {};
  if (!isDate(validFrom) || !isDate(validUntil)) return;
  if (validUntil < validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: `${validUntil} is before validFrom ${validFrom}` });
    return;
  }
  if (isDate(reviewDate) && (reviewDate < validFrom || reviewDate > validUntil)) {
    ctx.addIssue({
      code: 'custom',
      path: ['reviewDate'],
      message: `${reviewDate} is outside the agreement's period ${validFrom}..${validUntil}`,
    });
  }
}

function checkRecipientsAreParties(agreement: Partly<AgreementFile>, ctx: z.RefinementCtx): void {
  const parties = (agreement?.parties as Partly<AgreementFile['parties']>)?.agencyTypes;
  const recipients = agreement?.recipients;
  if (!Array.isArray(parties) || !Array.isArray(recipients)) return;
  recipients.forEach((recipient: Partly<AgreementFile['recipients'][number]>, index) => {
    const type = recipient?.agencyType;
    if (typeof type === 'string' && !parties.includes(type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipients', index, 'agencyType'],
        message: `${type} is not among parties.agencyTypes`,
      });
    }
  });
}
