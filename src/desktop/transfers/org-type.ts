import { OrgType } from '../../domain/org/org-types';

/** A cached org's type column as the domain type, or null when unknown. */
export function orgType(type: string | undefined): OrgType | null {
  const parsed = OrgType.safeParse(type);
  return parsed.success ? parsed.data : null;
}
