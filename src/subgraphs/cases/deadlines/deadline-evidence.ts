import type { DeadlineInputs } from './deadline-inputs';
import type { DeadlineRule } from './deadline-rules.schema';

/**
 * When each rule was met during the episode, by the record its `metBy` names (null: not met), from
 * the evidence read with the inputs: held meetings, the latest status of each pathway a rule reads, and the first
 * update stating each arrangement the rules ask about.
 */
export function metTimes(inputs: Pick<DeadlineInputs, 'meetings' | 'latest' | 'details'>, rules: DeadlineRule[]): Map<string, Date | null> {
  const instant = (value: string | undefined) => (value ? new Date(value) : null);
  const meetings = inputs.meetings ?? [];
  const latest = inputs.latest ?? [];
  const details = inputs.details ?? [];

  const met = new Map<string, Date | null>();
  for (const rule of rules) {
    const by = rule.metBy;
    let at: Date | null = null;
    if ('meetingHeld' in by) {
      at = instant(meetings.find((m) => m.kind === by.meetingHeld)?.at);
    } else if ('pathwayStatus' in by) {
      const last = latest.find((p) => p.pathway === by.pathwayStatus.pathway);
      at = last && (by.pathwayStatus.statuses as string[]).includes(last.status) ? instant(last.at) : null;
    } else {
      at = instant(details.find((d) => d.pathway === by.pathwayDetail.pathway && d.key === by.pathwayDetail.key)?.at);
    }
    met.set(rule.code, at);
  }
  return met;
}
