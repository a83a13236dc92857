import { unsignedLetter } from '../../src/documents/transfer-letter/letter-boxes';
import {
  letterMemberOf,
  transferLetterInput,
  type LetterOrg,
} from '../../src/documents/transfer-letter/letter-input';
import type { Db } from './db';
import { loadHolidayCalendar } from './holidays';
import type { StoredDossier } from './transfers';

/** An org by id as the letter names it (name, parent, ward or province for the place). */
export async function letterOrgs(db: Db, ids: string[]): Promise<Map<string, LetterOrg>> {
  const out = new Map<string, LetterOrg>();
  let pending = [...new Set(ids)];
  // Two rounds: the orgs of the dossier, then the parent of the sending org (the letter's header).
  for (let round = 0; round < 2 && pending.length > 0; round++) {
    const rows = await db
      .selectFrom('orgs')
      .select(['id', 'name', 'parent_id', 'ward', 'province'])
      .where('id', 'in', pending)
      .execute();
    for (const r of rows)
      out.set(r.id, { name: r.name, parentId: r.parent_id, ward: r.ward, province: r.province });
    pending = rows.flatMap((r) => (r.parent_id && !out.has(r.parent_id) ? [r.parent_id] : []));
  }
  return out;
}

/**
 * The unsigned introduction letter the first signer of this dossier signs, rebuilt from the
 * server's data with the same code as the desktop (deterministic), dated on the signing day.
 * Null when the member is unknown.
 */
export async function expectedFirstLetter(
  db: Db,
  stored: StoredDossier,
  signedAt: Date,
): Promise<Buffer | null> {
  const d = stored.dossier;
  const member = await db
    .selectFrom('members')
    .select(['full_name', 'birth_date', 'card_no', 'profile_no', 'joined_on', 'official_on'])
    .where('id', '=', d.memberId)
    .executeTakeFirst();
  if (!member) return null;
  const orgs = await letterOrgs(db, [...d.route.orgIds, d.fromOrgId, stored.currentOrgId]);
  const input = transferLetterInput({
    dossier: { ...d, currentOrgId: stored.currentOrgId },
    member: letterMemberOf(member),
    orgOf: (id) => orgs.get(id),
    nameOf: (id) => orgs.get(id)?.name ?? id,
    date: signedAt,
    calendar: await loadHolidayCalendar(db),
  });
  return (await unsignedLetter(input)).pdf;
}
