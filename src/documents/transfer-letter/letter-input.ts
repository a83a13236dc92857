import type { HolidayCalendar } from '../../domain/calendar/working-days';
import {
  LETTER_NUMBER_FIELD,
  type TransferDossier,
} from '../../domain/procedures/transfer-dossier';
import type { TransferLetterInput } from './transfer-letter';

// What a new introduction letter says, from the dossier and the facts about its member and orgs.
// The desktop builds the letter from its cache and the server rebuilds it from its database to
// check the first signature (the signed letter must begin with exactly these bytes), so both go
// through this one function.

export interface LetterOrg {
  name: string;
  parentId: string | null;
  ward: string | null;
  province: string | null;
}

/** A member as both databases store it (the server's members table and the desktop's cache). */
export interface LetterMemberRow {
  full_name: string;
  birth_date: string;
  card_no: string | null;
  profile_no: string | null;
  joined_on: string | null;
  official_on: string | null;
}

export const letterMemberOf = (m: LetterMemberRow): TransferLetterInput['member'] => ({
  fullName: m.full_name,
  birthDate: m.birth_date,
  cardNo: m.card_no,
  profileNo: m.profile_no,
  joinedOn: m.joined_on,
  officialOn: m.official_on,
});

export interface LetterFacts {
  dossier: Pick<
    TransferDossier,
    'variant' | 'fromOrgId' | 'route' | 'form' | 'checkedData' | 'presentBy'
  > & { currentOrgId: string };
  member: TransferLetterInput['member'];
  orgOf: (id: string) => LetterOrg | undefined;
  /** An org's name, also for orgs `orgOf` does not know. */
  nameOf: (id: string) => string;
  /** The signing time: the letter is dated on its day in Vietnam. */
  date: Date;
  /** The stored holiday calendar, for a deadline the dossier does not carry yet. */
  calendar: HolidayCalendar;
}

/** "Đảng bộ Phường Việt Hưng": the place of the letter is the org's ward, else its province. */
const placeOf = (org: LetterOrg | undefined) => org?.ward?.trim() || org?.province?.trim() || '';

export function transferLetterInput(f: LetterFacts): TransferLetterInput {
  const d = f.dossier;
  const from = f.orgOf(d.fromOrgId);
  const superior = from?.parentId ? f.orgOf(from.parentId) : undefined;
  const destinationId = d.route.orgIds[d.route.orgIds.length - 1] ?? '';
  const letterNumber = d.checkedData?.[LETTER_NUMBER_FIELD]?.trim();
  return {
    variant: d.variant,
    ...(letterNumber ? { number: letterNumber } : {}),
    place: placeOf(f.orgOf(d.currentOrgId) ?? from),
    date: f.date,
    member: f.member,
    from: { name: f.nameOf(d.fromOrgId), ...(superior ? { superiorName: superior.name } : {}) },
    to: { name: f.nameOf(destinationId) },
    reason: d.form.reason,
    temporary: d.form.temporary
      ? { startOn: d.form.temporary.startOn, endOn: d.form.temporary.endOn }
      : null,
    presentBy: d.presentBy,
    calendar: f.calendar,
    route: d.route.orgIds.map((orgId) => ({ orgId, name: f.nameOf(orgId) })),
  };
}
