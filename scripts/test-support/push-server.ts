import { randomUUID, type X509Certificate } from 'node:crypto';
import type { SubmitTransferRequest } from '../../src/api/transfers';
import type { ServerEngine } from '../../src/db/server-db';
import {
  openTransferServer,
  staff,
  type TransferTestServer,
} from '../../server/test-support/transfers';
import { ids, PASSWORD } from '../../server/test-support/fixture';

// The transfers test server (seeded fixture, staff along its routes) listening on loopback, for
// client push tests and the push benchmark, with what they count on the server side.

export { ids as fixtureIds, PASSWORD as FIXTURE_PASSWORD, staff as fixtureStaff };

/** dv.duc's official transfer to cell 2: the dossier the push tests and the benchmark submit. */
export function officialToCell2(
  attachments: SubmitTransferRequest['attachments'] = [],
): SubmitTransferRequest {
  return {
    id: randomUUID(),
    variant: 'official',
    form: {
      destinationOrgId: ids.cell2,
      reason: 'Chuyển nơi cư trú',
      movedOn: '2026-01-02',
      newAddress: null,
      temporary: null,
    },
    attachments,
  };
}

export interface PushTestServer {
  url: string;
  t: TransferTestServer;
  /** How many times each mutation id was applied (its audit events) and claimed (push_mutations). */
  applications(mutationIds: readonly string[]): Promise<{ events: number; claims: number }>;
  close(): Promise<void>;
}

export async function startPushServer(
  engine: ServerEngine,
  postgresUrl: string,
  opts: { trustAnchors?: X509Certificate[] } = {},
): Promise<PushTestServer> {
  const t = await openTransferServer({ engine, postgresUrl, ...opts });
  return {
    url: t.url,
    t,
    async applications(mutationIds) {
      if (mutationIds.length === 0) return { events: 0, claims: 0 };
      const { db } = t.server;
      const count = async (table: 'transfer_events' | 'residence_events') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('mutation_id', 'in', [...mutationIds])
              .executeTakeFirstOrThrow()
          ).n,
        );
      // Dossiers' and residence comments' trails: one line per applied mutation.
      const events = (await count('transfer_events')) + (await count('residence_events'));
      const claims = await db
        .selectFrom('push_mutations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', [...mutationIds])
        .executeTakeFirstOrThrow();
      return { events, claims: Number(claims.n) };
    },
    close: () => t.close(),
  };
}
