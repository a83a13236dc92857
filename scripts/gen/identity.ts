import { citizenIdCenturySexDigit } from '../../src/domain/validation/citizen-id';
import { VIETNAMESE_MOBILE_PREFIXES } from '../../src/domain/validation/mobile-phone';
import { foldForSearch } from '../../src/domain/text/fold';
import type { Sex } from './names';
import type { Rng } from './prng';

/**
 * Identifiers of people, unique across one generated data set: each generator remembers what it
 * handed out and draws again on a collision.
 */
export class IdentityGenerator {
  private readonly citizenIds = new Set<string>();
  private readonly cardNos = new Set<string>();
  private readonly profileNos = new Set<string>();
  private readonly mobilePrefixes = [...VIETNAMESE_MOBILE_PREFIXES].sort();

  constructor(private readonly rng: Rng) {}

  /** A CCCD: birth province, century-and-sex digit, two year digits, a 6-digit serial. */
  citizenId(birthProvinceCode: string, birthYear: number, sex: Sex): string {
    const prefix =
      '0' +
      birthProvinceCode +
      String(citizenIdCenturySexDigit(birthYear, sex)) +
      String(birthYear % 100).padStart(2, '0');
    return this.unique(this.citizenIds, () => prefix + this.rng.digits(6));
  }

  /** Party card number: 8 digits. */
  cardNo(): string {
    return this.unique(this.cardNos, () => String(this.rng.int(1, 9)) + this.rng.digits(7));
  }

  /** Personnel-file number as the member database prints it. */
  profileNo(provinceCode: string): string {
    return this.unique(this.profileNos, () => `LL-${provinceCode}${this.rng.digits(6)}`);
  }

  /** A mobile number in canonical national form (10 digits, allocated prefix). */
  mobile(): string {
    return this.rng.pick(this.mobilePrefixes) + this.rng.digits(7);
  }

  /** "nguyenvanhung68@gmail.com": how people of the generation actually name their mailbox. */
  email(fullName: string, birthYear: number): string {
    const local = foldForSearch(fullName).replace(/[^a-z0-9]/g, '');
    const suffix = this.rng.chance(0.6)
      ? String(birthYear % 100).padStart(2, '0')
      : this.rng.digits(3);
    const domain = this.rng.pick([
      'gmail.com',
      'gmail.com',
      'gmail.com',
      'yahoo.com',
      'outlook.com',
    ]);
    return `${local}${suffix}@${domain}`;
  }

  private unique(seen: Set<string>, draw: () => string): string {
    for (;;) {
      const value = draw();
      if (!seen.has(value)) {
        seen.add(value);
        return value;
      }
    }
  }
}
