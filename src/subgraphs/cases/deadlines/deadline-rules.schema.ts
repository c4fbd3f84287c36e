import { z } from 'zod';
import { MeetingKind, Pathway, PathwayStatus, SentenceType } from '../case.enums';

/** The custody-episode date a deadline counts from. */
export const DEADLINE_ANCHORS = ['SENTENCE_DATE', 'ENTRY_DATE', 'RELEASE_DATE', 'ACTUAL_RELEASE_DATE'] as const;
export type DeadlineAnchor = (typeof DEADLINE_ANCHORS)[number];

export const OFFSET_UNITS = ['WORKING_DAYS', 'CALENDAR_DAYS', 'WEEKS', 'MONTHS'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

/** Agencies of a child's case that a rule can name; resolved per child when an alert is raised. */
export const CASE_AGENCIES = ['HOME_YJS', 'HOME_CHILDRENS_SERVICES', 'CURRENT_ESTABLISHMENT', 'CONSORTIUM_TEAM'] as const;
export type CaseAgency = (typeof CASE_AGENCIES)[number];

const code = z.string().regex(/^[A-Z][A-Z0-9_]{2,47}$/, 'must be UPPER_SNAKE_CASE, 3 to 48 characters');
const role = z.string().regex(/^[A-Z][A-Z_]{2,63}$/, 'must be a role name such as CASE_MANAGER');
const offset = z.number().int().min(-400).max(400);

export const offsetSchema = z.object({ offset, unit: z.enum(OFFSET_UNITS) }).strict();

export const addresseeSchema = z.object({ role, agency: z.enum(CASE_AGENCIES) }).strict();
export type Addressee = z.infer<typeof addresseeSchema>;

const stageAtSchema = z.union([
  z.literal('MISSED'),
  z.object({ workingDaysBeforeDue: z.number().int().min(1).max(60) }).strict(),
  z.object({ fromAnchor: offsetSchema }).strict(),
]);
export type StageAt = z.infer<typeof stageAtSchema>;

const alertStageSchema = z
  .object({
    stage: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be UPPER_SNAKE_CASE, at most 40 characters'),
    at: stageAtSchema,
    notify: z.array(addresseeSchema).min(1),
  })
  .strict();
export type AlertStage = z.infer<typeof alertStageSchema>;

const metBySchema = z.union([
  z.object({ meetingHeld: z.enum(MeetingKind) }).strict(),
  z.object({ pathwayStatus: z.object({ pathway: z.enum(Pathway), statuses: z.array(z.enum(PathwayStatus)).min(1) }).strict() }).strict(),
  z
    .object({ pathwayDetail: z.object({ pathway: z.enum(Pathway), key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,63}$/) }).strict() })
    .strict(),
]);
export type MetBy = z.infer<typeof metBySchema>;

export const deadlineRuleSchema = z
  .object({
    code,
    title: z.string().min(3).max(200),
    pathway: z.enum(Pathway),
    anchor: z.enum(DEADLINE_ANCHORS),
    offset,
    unit: z.enum(OFFSET_UNITS),
    roll: z.enum(['PREVIOUS_WORKING_DAY', 'NEXT_WORKING_DAY', 'NONE']).optional(),
    appliesTo: z.object({ sentenceTypes: z.array(z.enum(SentenceType)).min(1) }).strict().optional(),
    owner: addresseeSchema,
    metBy: metBySchema,
    alerts: z.array(alertStageSchema).default([]),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const seen = new Set<string>();
    rule.alerts.forEach((stage, i) => {
      if (seen.has(stage.stage)) ctx.addIssue({ code: 'custom', path: ['alerts', i, 'stage'], message: `${stage.stage} is named twice` });
      seen.add(stage.stage);
    });
  });
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const deadlinesFileSchema = z
  .object({
    version: z.literal(1),
    rules: z.array(deadlineRuleSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.code)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: `${rule.code} is defined twice` });
      seen.add(rule.code);
    });
  });

/** consortium.settings.deadlines: per rule code, a different offset, or the rule switched off. */
export const deadlineOverridesSchema = z.record(
  code,
  z.union([offsetSchema, z.object({ enabled: z.literal(false) }).strict()]),
);
export type DeadlineOverrides = z.infer<typeof deadlineOverridesSchema>;
