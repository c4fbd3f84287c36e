import type { MeetingAttendee as StoredAttendee, MeetingEntity } from '../meeting.entity';
import { agencyRef, optionalAgencyRef } from '../agency-reference.type';
import type { MeetingActionEntity } from './meeting-action.entity';
import type { Meeting, MeetingAction, MeetingAttendee } from './meeting.type';
import type { ProbationTransferRow } from './probation-transfer.queries';
import type { ProbationTransfer } from './probation-transfer.type';
import type { RotlRequestEntity } from './rotl-request.entity';
import type { RotlRequest } from './rotl.type';

/** Storage rows to GraphQL types of the case-writes module. */
export function toMeeting(m: MeetingEntity, actions: MeetingActionEntity[]): Meeting {
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    scheduledFor: m.scheduledFor,
    heldAt: m.heldAt,
    location: m.location,
    organisedBy: agencyRef(m.organisedByAgencyId),
    attendees: (m.attendees ?? []).map(toAttendee),
    decisions: m.decisions,
    actions: actions.map(toMeetingAction),
    version: m.version,
  };
}

function toAttendee(a: StoredAttendee): MeetingAttendee {
  return { name: a.name, role: a.role, agency: optionalAgencyRef(a.agencyId ?? null) };
}

export function toMeetingAction(a: MeetingActionEntity): MeetingAction {
  return {
    id: a.id,
    description: a.description,
    pathway: a.pathway,
    ownerAgency: agencyRef(a.ownerAgencyId),
    ownerRole: a.ownerRole,
    dueOn: a.dueOn,
    status: a.status,
    completedOn: a.completedOn,
    statusNote: a.statusNote,
    version: a.version,
  };
}

export function toRotlRequest(r: RotlRequestEntity): RotlRequest {
  return {
    id: r.id,
    custodyEpisodeId: r.custodyEpisodeId,
    purpose: r.purpose,
    requestedFrom: r.requestedFrom,
    requestedUntil: r.requestedUntil,
    details: r.details,
    requestedBy: agencyRef(r.requestedByAgencyId),
    status: r.status,
    decision: r.decision,
    decidedOn: r.decidedOn,
    decidedBy: optionalAgencyRef(r.decidedByAgencyId),
    decisionReason: r.decisionReason,
    outcome: r.outcome,
    outcomeRecordedOn: r.outcomeRecordedOn,
    outcomeNote: r.outcomeNote,
    version: r.version,
  };
}

export function toProbationTransfer(p: ProbationTransferRow): ProbationTransfer {
  return {
    id: p.id,
    probationAgency: agencyRef(p.probation_agency_id),
    status: p.status,
    referredOn: p.referred_on,
    referredBy: optionalAgencyRef(p.referred_by_agency_id),
    jointWorkingFrom: p.joint_working_from,
    handoverOn: p.handover_on,
    yjsContingencyUntil: p.yjs_contingency_until,
    cancelledOn: p.cancelled_on,
    version: p.version,
  };
}
