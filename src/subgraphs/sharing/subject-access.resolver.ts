import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../shared/auth/request-context';
import { parseUuid } from '../../shared/graphql/uuid';
import { agencyLoader } from './agency.service';
import { Agency } from './agency.type';
import type { SubjectAccessService } from './subject-access.service';
import { SubjectAccessDeniedAttempt, SubjectAccessDisclosure, SubjectAccessReport } from './subject-access.type';

const AGENCY_DESCRIPTION = 'Null once the agency has left the consortium or closed';

@Resolver(() => SubjectAccessReport)
export class SubjectAccessResolver {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Query(() => SubjectAccessReport, {
    description: 'For the data protection officer: who saw which of a child’s data, and the consent history. Itself logged.',
  })
  subjectAccessReport(@Ctx() { request }: GraphQLContext, @Arg('childId', () => ID) childId: string) {
    return this.subjectAccess.report(request, parseUuid('childId', childId));
  }
}

@Resolver(() => SubjectAccessDisclosure)
export class SubjectAccessDisclosureResolver {
  @FieldResolver(() => Agency, { nullable: true, description: AGENCY_DESCRIPTION })
  agency(@Root() disclosure: SubjectAccessDisclosure, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(disclosure.agencyId);
  }
}

@Resolver(() => SubjectAccessDeniedAttempt)
export class SubjectAccessDeniedAttemptResolver {
  @FieldResolver(() => Agency, { nullable: true, description: AGENCY_DESCRIPTION })
  agency(@Root() attempt: SubjectAccessDeniedAttempt, @Ctx() { request }: GraphQLContext) {
    return agencyLoader(request).load(attempt.agencyId);
  }
}
