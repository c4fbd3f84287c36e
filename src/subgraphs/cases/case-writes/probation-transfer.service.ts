import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../shared/auth/request-context';
import { DomainError, ValidationError } from '../../../shared/errors/domain.error';
import { DataScope } from '../../../shared/policy/data-scope';
import { AgencyType } from '../../sharing/agency.enums';
import { recomputeDeadlines } from '../deadlines/deadline-recompute';
import { assertAgency, notBefore, notInFuture, optionalText } from './case-write.checks';
import { InvalidTransitionError } from '../../../shared/errors/write.errors';
import { authoriseWrite, childOfRecord } from './case-write.guard';
import { occurredOn, recordCaseWrite } from './case-write.recorder';
import { ProbationTransferStatus } from './case-writes.enums';
import { toProbationTransfer } from './case-writes.mapper';
import type { ReferToProbationInput, UpdateProbationTransferInput } from './probation-transfer.input';
import { probationTransferById, type ProbationTransferRow } from './probation-transfer.queries';
import type { ProbationTransfer } from './probation-transfer.type';
import { assertVersion, updateVersioned } from './versioned-update';

const TRANSFER = 'Probation transfer';
const { REFERRED, JOINT_WORKING, HANDED_OVER, CANCELLED } = ProbationTransferStatus;
/** Namespace of the two-key advisory locks that serialise referrals of one child. */
const LOCK_PROBATION_REFERRAL = 7_310_106;
/** HMIP: the youth justice service keeps the case open this long after handover, as contingency. */
export const YJS_CONTINGENCY_MONTHS = 2;

/** Joint working is not optional: a transfer is handed over only after a period of it. */
export const PROBATION_TRANSITIONS: Readonly<Record<ProbationTransferStatus, readonly ProbationTransferStatus[]>> = {
  [REFERRED]: [JOINT_WORKING, CANCELLED],
  [JOINT_WORKING]: [HANDED_OVER, CANCELLED],
  [HANDED_OVER]: [],
  [CANCELLED]: [],
};

/** The transition to adult probation, written by the home youth justice service. */
export class ProbationTransferService {
  async refer(ctx: RequestContext, input: ReferToProbationInput): Promise<ProbationTransfer> {
    notInFuture(ctx, 'referredOn', input.referredOn);
    const resource = 'mutation:referToProbation';
    const { relationship } = await authoriseWrite(ctx, input.childId, {
      action: ['create', 'update'], subject: 'CustodyEpisode', scope: DataScope.CUSTODY, resource, fact: 'probationTransfer',
    });
    return ctx.tx.atomically(async (tx) => {
      await assertAgency(ctx, tx, 'probationAgencyId', input.probationAgencyId, [AgencyType.PROBATION]);
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_PROBATION_REFERRAL, input.childId]);
      const [open]: { version: number }[] = await tx.query(
        `SELECT version FROM probation_transfer WHERE child_id = $1 AND status IN ('REFERRED', 'JOINT_WORKING')`,
        [input.childId],
      );
      if (open) throw new DomainError('CONFLICT', 'This child already has a probation transfer in progress', { currentVersion: open.version });
      const id = randomUUID();
      await tx.query(
        `INSERT INTO probation_transfer (id, child_id, probation_agency_id, referred_by_agency_id, status, referred_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [id, input.childId, input.probationAgencyId, ctx.principal.agency.id, REFERRED, input.referredOn, ctx.access.clock.now],
      );
      ctx.access.invalidate(input.childId);
      await recordCaseWrite(ctx, tx, {
        childId: input.childId, scope: DataScope.CUSTODY, kind: 'PROBATION_REFERRAL', subjectType: 'probation_transfer', subjectId: id,
        resource, relationship, occurredAt: occurredOn(ctx, input.referredOn), payload: { probationAgencyId: input.probationAgencyId },
      });
      return toProbationTransfer((await probationTransferById(tx, id))!);
    });
  }

  async update(ctx: RequestContext, input: UpdateProbationTransferInput): Promise<ProbationTransfer> {
    notInFuture(ctx, 'effectiveOn', input.effectiveOn);
    const reason = optionalText(input.reason);
    if (input.status === CANCELLED && !reason) throw new ValidationError('reason', 'is required to cancel a transfer');
    const resource = 'mutation:updateProbationTransfer';
    const db = await ctx.tx.manager();
    const childId = await childOfRecord(ctx, db, 'probation_transfer', input.probationTransferId, TRANSFER, resource);
    const { relationship } = await authoriseWrite(ctx, childId, {
      action: 'update', subject: 'CustodyEpisode', scope: DataScope.CUSTODY, resource, fact: 'probationTransfer', notFound: TRANSFER,
    });
    return ctx.tx.atomically(async (tx) => {
      const transfer = (await probationTransferById(tx, input.probationTransferId))!;
      assertVersion(TRANSFER, transfer.version, input.expectedVersion);
      if (!PROBATION_TRANSITIONS[transfer.status].includes(input.status)) {
        throw new InvalidTransitionError(`A probation transfer cannot go from ${transfer.status} to ${input.status}`, {
          from: transfer.status, to: input.status,
        });
      }
      await updateVersioned(tx, 'probation_transfer', transfer.id, input.expectedVersion, this.changes(transfer, input, reason),
        ctx.access.clock.now, TRANSFER);
      ctx.access.invalidate(childId);
      await recordCaseWrite(ctx, tx, {
        childId, scope: DataScope.CUSTODY, kind: 'PROBATION_TRANSFER_UPDATED', subjectType: 'probation_transfer', subjectId: transfer.id,
        resource, relationship, occurredAt: occurredOn(ctx, input.effectiveOn), payload: { status: input.status },
      });
      // Handover starts the YJS contingency period, which the deadlines follow.
      await recomputeDeadlines(tx, childId, ctx.access.clock.today, ctx.principal.consortium.settings);
      return toProbationTransfer((await probationTransferById(tx, transfer.id))!);
    });
  }

  private changes(transfer: ProbationTransferRow, input: UpdateProbationTransferInput, reason: string | null): Record<string, unknown> {
    switch (input.status) {
      case JOINT_WORKING:
        notBefore('effectiveOn', input.effectiveOn, transfer.referred_on, 'the referral');
        return { status: JOINT_WORKING, joint_working_from: input.effectiveOn };
      case HANDED_OVER:
        notBefore('effectiveOn', input.effectiveOn, transfer.joint_working_from, 'the start of joint working');
        return {
          status: HANDED_OVER, handover_on: input.effectiveOn, yjs_contingency_until: addMonths(input.effectiveOn, YJS_CONTINGENCY_MONTHS),
        };
      default:
        notBefore('effectiveOn', input.effectiveOn, transfer.referred_on, 'the referral');
        return { status: CANCELLED, cancelled_on: input.effectiveOn, cancellation_reason: reason };
    }
  }
}

/** Calendar months later, clamped to the month's last day (31 December + 2 months = 28/29 February), as PostgreSQL does. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
