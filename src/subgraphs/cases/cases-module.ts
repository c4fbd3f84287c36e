import type { ResolverContainer } from '../../shared/graphql/resolver-container';

/** A feature module of the cases subgraph: registers its resolvers (built with their services). */
export type CasesModule = (container: ResolverContainer) => void;
