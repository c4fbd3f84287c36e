import type { AlertStage, DeadlineAnchor, DeadlineRule, OffsetUnit } from './deadline-rules.schema';
import { addCalendarDays, addMonths, addWorkingDays, isWorkingDay, rollToWorkingDay } from '../../../shared/calendar/working-days';

/** The dates of a custody episode that deadlines count from. */
export interface EpisodeDates {
  sentenceType: string | null;
  sentenceDate: string | null;
  entryDate: string;
  releaseDate: string | null;
  actualReleaseDate: string | null;
}

export type DeadlineStatus = 'OPEN' | 'MET' | 'MISSED' | 'CANCELLED';

export interface StageReached {
  stage: AlertStage;
  /** 1-based position of the stage in the rule: the escalation level. */
  level: number;
}

export interface DeadlineState {
  basisDate: string;
  dueOn: string;
  status: Exclude<DeadlineStatus, 'CANCELLED'>;
  /** The latest alert stage reached today, while alerts are still worth raising. */
  stage: StageReached | null;
  /** The next date on which the state or the stage changes with time alone; null when nothing will. */
  nextCheckOn: string | null;
}

export function anchorDate(anchor: DeadlineAnchor, episode: EpisodeDates): string | null {
  switch (anchor) {
    case 'SENTENCE_DATE':
      return episode.sentenceDate;
    case 'ENTRY_DATE':
      return episode.entryDate;
    case 'RELEASE_DATE':
      return episode.releaseDate;
    case 'ACTUAL_RELEASE_DATE':
      return episode.actualReleaseDate;
  }
}

export function shiftDate(date: string, offset: number, unit: OffsetUnit): string {
  switch (unit) {
    case 'WORKING_DAYS':
      return addWorkingDays(date, offset);
    case 'CALENDAR_DAYS':
      return addCalendarDays(date, offset);
    case 'WEEKS':
      return addCalendarDays(date, offset * 7);
    case 'MONTHS':
      return addMonths(date, offset);
  }
}

/** The due date: a date before the anchor that is not a working day moves earlier, one after it later. */
export function dueDate(anchor: string, rule: Pick<DeadlineRule, 'offset' | 'unit' | 'roll'>): string {
  const shifted = shiftDate(anchor, rule.offset, rule.unit);
  const roll = rule.roll ?? (rule.offset < 0 ? 'PREVIOUS_WORKING_DAY' : 'NEXT_WORKING_DAY');
  if (roll === 'NONE' || isWorkingDay(shifted)) return shifted;
  return rollToWorkingDay(shifted, roll === 'PREVIOUS_WORKING_DAY' ? 'PREVIOUS' : 'NEXT');
}

/** The date an alert stage is reached. */
export function stageDate(stage: AlertStage, dueOn: string, basisDate: string): string {
  if (stage.at === 'MISSED') return addCalendarDays(dueOn, 1);
  if ('workingDaysBeforeDue' in stage.at) return addWorkingDays(dueOn, -stage.at.workingDaysBeforeDue);
  return shiftDate(basisDate, stage.at.fromAnchor.offset, stage.at.fromAnchor.unit);
}

/**
 * A rule's deadline for an episode as of `today`, or null when the rule does not apply (no anchor
 * date yet, or a sentence type it does not cover). `metAt` is when the record meeting it was made.
 */
export function evaluateDeadline(rule: DeadlineRule, episode: EpisodeDates, metAt: Date | null, today: string): DeadlineState | null {
  const basisDate = anchorDate(rule.anchor, episode);
  if (!basisDate) return null;
  if (rule.appliesTo && !rule.appliesTo.sentenceTypes.some((t) => t === episode.sentenceType)) return null;
  const dueOn = dueDate(basisDate, rule);
  if (metAt) return { basisDate, dueOn, status: 'MET', stage: null, nextCheckOn: null };
  const status = today > dueOn ? 'MISSED' : 'OPEN';
  // Once the child is out, only the clocks that start at release are still worth chasing.
  const quiet = episode.actualReleaseDate !== null && rule.anchor !== 'ACTUAL_RELEASE_DATE';
  const dated = quiet ? [] : rule.alerts.map((stage, i) => ({ stage, level: i + 1, on: stageDate(stage, dueOn, basisDate) }));

  let reached: (typeof dated)[number] | null = null;
  for (const candidate of dated) if (candidate.on <= today && (!reached || candidate.on >= reached.on)) reached = candidate;
  const upcoming = dated.filter((d) => d.on > today).map((d) => d.on);
  if (status === 'OPEN') upcoming.push(addCalendarDays(dueOn, 1));
  const nextCheckOn = upcoming.length ? upcoming.reduce((a, b) => (a < b ? a : b)) : null;
  return { basisDate, dueOn, status, stage: reached && { stage: reached.stage, level: reached.level }, nextCheckOn };
}
