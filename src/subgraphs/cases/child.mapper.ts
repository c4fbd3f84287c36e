import { agencyRef } from './agency-reference.type';
import { CustodyEpisodeEntity } from './custody-episode.entity';
import { ChildEntity } from './child.entity';
import { Pathway, PathwayStatus } from './case.enums';
import type { ChildIdentity } from './child.type';
import type { CustodyEpisode, ReleaseDateChange } from './custody.type';
import { releaseArrangementsOf, type PathwayState } from './pathway-state.type';
import type { PathwayUpdateEntity } from './pathway-update.entity';
import type { ReleaseDateChangeEntity } from './release-date-change.entity';

const DAY_MS = 86_400_000;

/** Entities to GraphQL types: the storage shape never reaches the API. */
export function toIdentity(child: ChildEntity, today: string): ChildIdentity {
  return {
    givenName: child.givenName,
    familyName: child.familyName,
    preferredName: child.preferredName,
    dateOfBirth: child.dateOfBirth,
    age: ageOn(child.dateOfBirth, today),
    sex: child.sex,
    ethnicity: child.ethnicity,
    homeLocalAuthorityCode: child.homeLocalAuthorityCode,
    homeYouthJusticeService: agencyRef(child.homeYjsAgencyId),
  };
}

export function toCustodyEpisode(e: CustodyEpisodeEntity, today: string): CustodyEpisode {
  return {
    id: e.id,
    establishment: agencyRef(e.establishmentAgencyId),
    legalStatus: e.legalStatus,
    sentenceType: e.sentenceType,
    sentenceDate: e.sentenceDate,
    entryDate: e.entryDate,
    releaseDate: e.releaseDate,
    releaseType: e.releaseType,
    daysToRelease: e.releaseDate && e.status === 'IN_CUSTODY' ? daysBetween(today, e.releaseDate) : null,
    actualReleaseDate: e.actualReleaseDate,
    status: e.status,
    version: e.version,
  };
}

export function toReleaseDateChange(r: ReleaseDateChangeEntity): ReleaseDateChange {
  return {
    previousReleaseDate: r.previousReleaseDate,
    newReleaseDate: r.newReleaseDate,
    previousReleaseType: r.previousReleaseType,
    newReleaseType: r.newReleaseType,
    reasonCode: r.reasonCode,
    reason: r.reason,
    responsibleAgency: agencyRef(r.responsibleAgencyId),
    changedAt: r.changedAt,
  };
}

/** `updates` newest first; a pathway nobody has touched yet is NOT_STARTED. */
export function toPathwayState(pathway: Pathway, updates: PathwayUpdateEntity[]): PathwayState {
  const latest = updates[0];
  return {
    pathway,
    status: latest?.status ?? PathwayStatus.NOT_STARTED,
    summary: latest?.summary ?? null,
    responsibleAgency: latest ? agencyRef(latest.responsibleAgencyId) : null,
    updatedAt: latest?.recordedAt ?? null,
    history: updates.map((u) => ({
      id: u.id,
      status: u.status,
      summary: u.summary,
      responsibleAgency: agencyRef(u.responsibleAgencyId),
      recordedAt: u.recordedAt,
      ...releaseArrangementsOf(u.details),
    })),
  };
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

function ageOn(dateOfBirth: string, today: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
