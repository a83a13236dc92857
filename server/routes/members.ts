import { z } from 'zod';
import { apiRoutes } from '../../src/api/routes';
import type { ServerContext } from '../context';
import { badRequest, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { findVisibleMember, listMembers, type MemberPageKey } from '../repositories/members';
import { findVisibleOrg } from '../repositories/orgs';
import { temporaryMembershipsOf } from '../repositories/transfers';

/** The members cursor: base64url of `[sortKey, id]` of the last member of the previous page. */
const PageKey = z.tuple([z.string().max(300), z.string().max(100)]);

function encodePageKey(key: MemberPageKey): string {
  return Buffer.from(JSON.stringify([key.sortKey, key.id])).toString('base64url');
}

function decodePageKey(cursor: string): MemberPageKey {
  try {
    const [sortKey, id] = PageKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
    return { sortKey, id };
  } catch {
    throw badRequest('cursor', 'cursor is not one this server made');
  }
}

export function memberRoutes(route: Register, ctx: ServerContext): void {
  route(apiRoutes.getMember, async ({ params, caller }) => {
    const member = await findVisibleMember(ctx.db, caller.scope, params.id);
    if (!member) throw notFound();
    return member;
  });

  route(apiRoutes.memberTemporaryMemberships, async ({ params, caller }) => {
    if (!(await findVisibleMember(ctx.db, caller.scope, params.id))) throw notFound();
    const rows = await temporaryMembershipsOf(ctx.db, params.id);
    return {
      items: rows.map((r) => ({
        orgId: r.org_id,
        dossierId: r.dossier_id,
        startOn: r.start_on,
        endOn: r.end_on,
      })),
    };
  });

  route(apiRoutes.listMembers, async ({ query, caller }) => {
    const after = query.cursor ? decodePageKey(query.cursor) : undefined;
    let withinPath: string | undefined;
    if (query.orgId) {
      const org = await findVisibleOrg(ctx.db, caller.scope, query.orgId);
      if (!org) throw notFound();
      withinPath = org.path;
    }
    const page = await listMembers(ctx.db, caller.scope, {
      q: query.q,
      limit: query.limit,
      withinPath,
      after,
    });
    return { items: page.items, nextCursor: page.next ? encodePageKey(page.next) : null };
  });
}
