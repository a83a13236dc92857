import { z } from 'zod';
import { FeeRuleVersion } from '../../domain/fees/rules';
import { feeRoute as route } from './shared';

/** The fee rule versions: built-in ones and the corrections the top org's admin appends. */

export const FeeRuleVersionView = z.object({
  version: FeeRuleVersion,
  /** Null for the built-in versions. */
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export const FeeRulesResponse = z.object({
  items: z.array(FeeRuleVersionView),
  /** The version in force for the current month. */
  currentId: z.string().nullable(),
});
export type FeeRulesResponse = z.infer<typeof FeeRulesResponse>;

/** The routes of fees-rules (server/routes/fees-rules.ts). */
export const feeRuleRouteSpecs = {
  rules: route({
    method: 'GET',
    path: '/v1/fees/rules',
    summary: 'The fee rule versions (built-in and corrections), oldest first',
    tag: 'fees',
    auth: true,
    status: 200,
    response: FeeRulesResponse,
    errors: [401, 403],
    access: { roles: 'any', scope: 'shared' },
  }),
  appendRule: route({
    method: 'POST',
    path: '/v1/fees/rules',
    summary: 'Append a rule version (a correction: higher seq, `corrects`); top-org admins only',
    tag: 'fees',
    auth: true,
    body: FeeRuleVersion,
    status: 201,
    response: FeeRulesResponse,
    errors: [400, 401, 403, 409],
    access: { roles: ['admin'], scope: 'top-org' },
  }),
};
