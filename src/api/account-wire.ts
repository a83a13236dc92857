import { z } from 'zod';
import { AccountRequest } from '../domain/accounts/account-request';
import { Id } from '../domain/common/schemas';
import { Member } from '../domain/people/member';

// The account requests as pull sends them: apart from the routes (accounts.ts), because the pull's
// schema (sync.ts) needs them and the routes' table imports sync.ts.

/** One step of a request's trail: filed, approved, refused. */
export const AccountEventWire = z.object({
  type: z.enum(['filed', 'approve', 'refuse']),
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
});
export type AccountEventWire = z.infer<typeof AccountEventWire>;

/** A request as pull sends it to the deciding org's staff, the member's cell and the member. */
export const AccountRequestWire = z.intersection(
  AccountRequest,
  z.object({
    updatedAt: z.string(),
    history: z.array(AccountEventWire),
    /** The member's name (the declared one for a registration). */
    memberName: z.string(),
    orgNames: z.record(Id, z.string()),
    /**
     * The member database's record when the request was filed or last changed: the secretary reviews
     * the declared data beside it, and his cache may not hold the member (a wrong-cell move).
     */
    recordOnFile: Member.nullable(),
  }),
);
export type AccountRequestWire = z.infer<typeof AccountRequestWire>;
