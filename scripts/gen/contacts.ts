import { foldForSearch } from '../../src/domain/text/fold';
import type { Province } from './places';
import { STREETS } from './places';
import type { Rng } from './prng';

/** "Việt Hưng" → "viethung", for mailboxes and web addresses. */
export const slugOf = (name: string): string =>
  foldForSearch(name)
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 40);

/** A landline as offices print it: "024 3872 1234" (3-digit area code) or "0238 384 5678". */
export function landline(rng: Rng, province: Province): string {
  const first = rng.pick(['3', '3', '3', '6']);
  return province.areaCode.length === 3
    ? `${province.areaCode} ${first}${rng.digits(3)} ${rng.digits(4)}`
    : `${province.areaCode} ${first}${rng.digits(2)} ${rng.digits(4)}`;
}

export function streetAddress(rng: Rng): string {
  return `Số ${rng.int(1, 250)} đường ${rng.pick(STREETS)}`;
}

/** Email, phone, website and address of a committee's office. */
export function committeeContacts(
  rng: Rng,
  province: Province,
  mailbox: string,
  website: string | null,
): { email: string; phone: string; website: string | null; addressDetail: string } {
  return {
    email: `${mailbox}@${province.slug}.gov.vn`,
    phone: landline(rng, province),
    website,
    addressDetail: streetAddress(rng),
  };
}
