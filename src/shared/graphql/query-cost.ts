import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/** What a list without a page size is assumed to hold (a child's scopes, a meeting's attendees…). */
export const DEFAULT_LIST_SIZE = 10;

/**
 * Estimated work of one operation, with the request's variables: every field costs 1, and a field
 * that returns many items multiplies what is selected under it by how many it may return — its
 * `first`/`last` (a variable's value or the schema default), the number of `representations` an
 * `_entities` call resolves, or DEFAULT_LIST_SIZE for a plain list. A page's own list of items
 * (`edges`, `nodes`, `changes`…, right under the field that took `first`) is counted by that page
 * size once, not again. (GraphQL Armor's cost rule
 * sees only literals, so `first: $first` would count as one row.) Each fragment is costed once,
 * so a fragment bomb takes time linear in the document, not in its expansion.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, number>();

  const selectionCost = (set: SelectionSetNode, type: GraphQLCompositeType, underPage: boolean): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, type, underPage);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on && isCompositeType(on)) cost += selectionCost(selection.selectionSet, on, underPage);
      } else {
        const key = `${selection.name.value}:${underPage}`;
        if (!memo.has(key)) {
          memo.set(key, 0); // a cycle (already refused by validation) costs nothing more
          const fragment = fragments.get(selection.name.value);
          const on = fragment && schema.getType(fragment.typeCondition.name.value);
          memo.set(key, fragment && on && isCompositeType(on) ? selectionCost(fragment.selectionSet, on, underPage) : 0);
        }
        cost += memo.get(key)!;
      }
    }
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, underPage: boolean): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const field = 'getFields' in parent ? parent.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return 1;
    const child = getNamedType(field.type);
    if (!isCompositeType(child)) return 1;
    const pageSize = requestedItems(field, node, variables);
    const many = pageSize ?? (isListType(getNullableType(field.type)) && !underPage ? DEFAULT_LIST_SIZE : 1);
    return 1 + many * selectionCost(node.selectionSet, child, pageSize !== undefined);
  };

  return selectionCost(operation.selectionSet, root, false);
}

function requestedItems(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number | undefined {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    return undefined; // execution will refuse the arguments with its own error
  }
  for (const name of ['first', 'last']) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(1, Math.floor(value));
  }
  if (Array.isArray(args.representations)) return Math.max(1, args.representations.length);
  return undefined;
}
