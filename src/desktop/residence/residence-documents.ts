import type { ResidenceRequestWire } from '../../api/residence';
import { buildResidenceFormPdf } from '../../documents/residence/residence-form-pdf';
import { buildResidenceListPdf } from '../../documents/residence/residence-list-pdf';
import {
  residenceFormPdfInput,
  residenceListPdfInput,
} from '../../documents/residence/residence-pdf-input';
import type { LetterOrg } from '../../documents/transfer-letter/letter-input';
import { fail, type ServiceContext } from '../service-context';
import { sealedOrg, signingImagesFor } from '../transfers/seal-images';
import type { FormWire, ResidenceModel } from './residence-model';

// The list and form PDFs rendered from the cache, through the same input builders the server
// uses to rebuild them when it checks the signature.

/** An org as the documents name it: from the cache, else by the name the wire came with. */
function orgsOf(model: ResidenceModel, names: Record<string, string>) {
  return (id: string): LetterOrg | undefined => {
    const row = model.base.repo.orgs([id]).get(id);
    if (row)
      return { name: row.name, parentId: row.parent_id, ward: row.ward, province: row.province };
    const name = names[id];
    return name ? { name, parentId: null, ward: null, province: null } : undefined;
  };
}

/** A member as the documents name him: from the cache, else as the wire came with him. */
const memberOf =
  (model: ResidenceModel, known: Pick<ResidenceRequestWire, 'memberNames' | 'memberBirthDates'>) =>
  (id: string) => {
    const row = model.base.repo.members([id]).get(id);
    if (row) return { full_name: row.full_name, birth_date: row.birth_date };
    const name = known.memberNames[id];
    return name ? { full_name: name, birth_date: known.memberBirthDates[id] ?? null } : undefined;
  };

/**
 * "Danh sách …" of the list as it stands, dated `now`. Refused while a residence cell is known
 * neither to the cache nor to the list as pulled: the server would print its name, this PDF could
 * not, and the signature would be refused after the PIN.
 */
export function renderList(model: ResidenceModel, shown: ResidenceRequestWire, now: Date) {
  const orgOf = orgsOf(model, shown.orgNames);
  const unknown = shown.items.find((i) => i.residenceOrgId !== null && !orgOf(i.residenceOrgId));
  if (unknown)
    return fail(
      'residence_org_unknown',
      `list ${shown.id}: residence org ${unknown.residenceOrgId} is not in the cache`,
      'Danh sách có nơi cư trú chưa có trên máy này. Hãy đồng bộ rồi ký lại.',
    );
  return buildResidenceListPdf(
    residenceListPdfInput({
      request: shown,
      memberOf: memberOf(model, shown),
      orgOf,
      date: now,
    }),
  );
}

/** "Phiếu nhận xét" of the form as it stands, dated `now`; refused without a comment. */
export function renderForm(model: ResidenceModel, shown: FormWire, now: Date) {
  const comment = shown.comment;
  if (!comment)
    return fail(
      'no_comment',
      `form ${shown.id} has no comment`,
      'Phiếu chưa có nội dung nhận xét nên chưa ký được.',
    );
  const member = memberOf(model, shown)(shown.memberId) ?? {
    full_name: shown.memberId,
    birth_date: null,
  };
  return buildResidenceFormPdf(
    residenceFormPdfInput({
      form: { ...shown, comment },
      member,
      orgOf: orgsOf(model, shown.orgNames),
      date: now,
    }),
  );
}

/**
 * Where the org signs from and with what images: the signer's signature, and the org's seal
 * (cells have none; committees theirs).
 */
export async function signingPlace(ctx: ServiceContext, model: ResidenceModel, orgId: string) {
  const place = model.base.repo.orgs([orgId]).get(orgId);
  return {
    ...(place ? { location: place.name } : {}),
    ...(await signingImagesFor(ctx, place && sealedOrg(place))),
  };
}
