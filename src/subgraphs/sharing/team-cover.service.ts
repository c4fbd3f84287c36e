import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../shared/auth/request-context';
import { ValidationError } from '../../shared/errors/domain.error';
import { authoriseForChild } from '../../shared/policy/case-authorisation';
import { ForbiddenError } from '../../shared/policy/policy.errors';
import { TeamCoverGrantEntity } from './team-cover-grant.entity';
import type { GrantTeamCoverInput } from './team-cover.input';
import type { TeamCoverGrant } from './team-cover.type';

/** Team cover: a case manager lends a colleague access to one case for a while. Grant and use are audited. */
export class TeamCoverService {
  async grant(ctx: RequestContext, input: GrantTeamCoverInput): Promise<TeamCoverGrant> {
    const resource = 'mutation:grantTeamCover';
    const maxDays = ctx.principal.consortium.settings.teamCoverMaxDays;
    if (input.days > maxDays) throw new ValidationError('days', `must be at most ${maxDays}`);
    if (ctx.principal.kind !== 'user') throw new ForbiddenError('Only a member of staff may grant team cover');
    if (input.granteeUserId === ctx.principal.id) throw new ValidationError('granteeUserId', 'cannot be yourself');
    await authoriseForChild(ctx, input.childId, 'create', 'TeamCoverGrant', { resource, operation: 'TEAM_COVER_GRANT' });
    return ctx.tx.atomically(async (db) => {
      const [grantee] = await db.query(
        `SELECT u.id FROM staff_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1 AND u.active AND a.consortium_id = $2`,
        [input.granteeUserId, ctx.principal.consortium.id],
      );
      if (!grantee) throw new ValidationError('granteeUserId', 'is not an active member of staff in your consortium');
      const startsAt = new Date(ctx.access.clock.now);
      const row = db.getRepository(TeamCoverGrantEntity).create({
        id: randomUUID(), childId: input.childId, granteeUserId: input.granteeUserId, grantedByUserId: ctx.principal.id,
        grantedByAgencyId: ctx.principal.agency.id, reason: input.reason.trim(), startsAt,
        expiresAt: new Date(startsAt.getTime() + input.days * 86_400_000), revokedAt: null,
      });
      await db.getRepository(TeamCoverGrantEntity).insert(row);
      ctx.audit.record({
        operation: 'TEAM_COVER_GRANT', outcome: 'ALLOWED', reason: null, childIds: [input.childId], scopes: [], resource,
        justification: { grantIds: [row.id] },
      });
      return { id: row.id, child: { id: row.childId }, granteeUserId: row.granteeUserId, reason: row.reason, startsAt: row.startsAt, expiresAt: row.expiresAt };
    });
  }
}
