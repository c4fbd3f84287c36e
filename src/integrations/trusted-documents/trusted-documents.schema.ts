import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { z } from 'zod';

export function documentHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

const operation = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/, 'must be the lowercase hex SHA-256 of body'),
    name: z.string().min(1).max(200),
    type: z.enum(['query', 'mutation']),
    body: z.string().min(1).max(100_000),
  })
  .strict()
  .superRefine((op, ctx) => {
    if (documentHash(op.body) !== op.id) ctx.addIssue({ code: 'custom', path: ['id'], message: 'is not the SHA-256 of body' });
    try {
      parse(op.body);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `is not a GraphQL document (${(error as Error).message})` });
    }
  });

/**
 * Apollo's persisted query manifest (what `@apollo/generate-persisted-query-manifest` writes), plus
 * the hub's own `enforce`: absent or true refuses every other operation of the client; false only
 * logs what would be refused, for trying an allow-list out before switching it on.
 */
export const trustedDocumentsFileSchema = z
  .object({
    format: z.literal('apollo-persisted-query-manifest'),
    version: z.literal(1),
    enforce: z.boolean().default(true),
    operations: z.array(operation).max(10_000),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.operations.forEach((op, index) => {
      if (seen.has(op.id)) ctx.addIssue({ code: 'custom', path: ['operations', index, 'id'], message: 'appears twice' });
      seen.add(op.id);
    });
  });

export type TrustedDocumentsFile = z.infer<typeof trustedDocumentsFileSchema>;
