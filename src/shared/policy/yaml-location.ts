import { isMap, isScalar, isSeq, type Document } from 'yaml';

/** A zod issue path as written in messages: `recipients[2].scopes[0].scope`. */
export function formatPath(at: readonly PropertyKey[]): string {
  return at
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

/** Where in the text the deepest existing part of `at` starts: a map key's own position, or a list item's. */
export function offsetOf(doc: Document, at: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0];
  for (const key of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair || !isScalar(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!item || !(isMap(item) || isSeq(item) || isScalar(item))) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
