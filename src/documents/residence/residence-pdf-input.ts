import type { ResidenceForm } from '../../domain/procedures/residence-form';
import type { ResidenceRequest } from '../../domain/procedures/residence-request';
import type { LetterOrg } from '../transfer-letter/letter-input';
import type { ResidenceFormPdfInput } from './residence-form-pdf';
import type { ResidenceListPdfInput } from './residence-list-pdf';

// What the list and the comment form say, from the stored objects and the facts about their
// members and orgs. The desktop renders them from its cache to sign, and the server rebuilds them
// from its database to check the signature (the signed PDF must begin with exactly these bytes),
// so both go through these functions.

/** A member as both databases store him. */
export interface ResidenceMemberRow {
  full_name: string;
  birth_date: string | null;
}

const UNKNOWN_RESIDENCE = 'Chưa xác định nơi cư trú';

/** The place of a document is its org's ward, else its province. */
const placeOf = (org: LetterOrg | undefined) => org?.ward?.trim() || org?.province?.trim() || '';

export interface ResidenceFormFacts {
  form: Pick<
    ResidenceForm,
    'campaignYear' | 'memberId' | 'workplaceOrgId' | 'residenceOrgId' | 'committeeOrgId'
  > & { comment: NonNullable<ResidenceForm['comment']> };
  member: ResidenceMemberRow;
  orgOf: (id: string) => LetterOrg | undefined;
  /** The signing time: the form is dated on its day in Vietnam. */
  date: Date;
}

export function residenceFormPdfInput(f: ResidenceFormFacts): ResidenceFormPdfInput {
  const committee = f.orgOf(f.form.committeeOrgId);
  return {
    place: placeOf(committee ?? f.orgOf(f.form.residenceOrgId)),
    date: f.date,
    campaignYear: f.form.campaignYear,
    member: {
      id: f.form.memberId,
      fullName: f.member.full_name,
      birthDate: f.member.birth_date,
    },
    residence: { name: f.orgOf(f.form.residenceOrgId)?.name ?? f.form.residenceOrgId },
    committee: { id: f.form.committeeOrgId, name: committee?.name ?? f.form.committeeOrgId },
    workplace: { name: f.orgOf(f.form.workplaceOrgId)?.name ?? f.form.workplaceOrgId },
    comment: f.form.comment,
  };
}

export interface ResidenceListFacts {
  request: Pick<ResidenceRequest, 'campaignYear' | 'kind' | 'workplaceOrgId' | 'items'>;
  memberOf: (id: string) => ResidenceMemberRow | undefined;
  orgOf: (id: string) => LetterOrg | undefined;
  date: Date;
}

export function residenceListPdfInput(f: ResidenceListFacts): ResidenceListPdfInput {
  const workplace = f.orgOf(f.request.workplaceOrgId);
  const superior = workplace?.parentId ? f.orgOf(workplace.parentId) : undefined;
  return {
    place: placeOf(workplace),
    date: f.date,
    campaignYear: f.request.campaignYear,
    kind: f.request.kind,
    workplace: {
      id: f.request.workplaceOrgId,
      name: workplace?.name ?? f.request.workplaceOrgId,
      ...(superior ? { superiorName: superior.name } : {}),
    },
    items: f.request.items.map((item) => {
      const member = f.memberOf(item.memberId);
      return {
        fullName: member?.full_name ?? item.memberId,
        birthDate: member?.birth_date ?? null,
        residenceName:
          (item.residenceOrgId && f.orgOf(item.residenceOrgId)?.name) || UNKNOWN_RESIDENCE,
        reportRequired: item.reportRequired,
        exemption: item.exemption,
      };
    }),
  };
}
