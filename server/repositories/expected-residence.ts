import { buildResidenceFormPdf } from '../../src/documents/residence/residence-form-pdf';
import { buildResidenceListPdf } from '../../src/documents/residence/residence-list-pdf';
import {
  residenceFormPdfInput,
  residenceListPdfInput,
  type ResidenceMemberRow,
} from '../../src/documents/residence/residence-pdf-input';
import type { ResidenceForm } from '../../src/domain/procedures/residence-form';
import type { ResidenceRequest } from '../../src/domain/procedures/residence-request';
import type { Db } from './db';
import { letterOrgs } from './expected-letter';

// The unsigned list and comment form a signer signs, rebuilt from the server's data with the same
// code as the desktop (residence-pdf-input), dated on the signing day: the signed upload must
// begin with exactly these bytes (acceptSignedDocument, base 'generated').

async function membersOf(db: Db, ids: readonly string[]): Promise<Map<string, ResidenceMemberRow>> {
  const out = new Map<string, ResidenceMemberRow>();
  const wanted = [...new Set(ids)];
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .selectFrom('members')
      .select(['id', 'full_name', 'birth_date'])
      .where('id', 'in', wanted.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.id, { full_name: r.full_name, birth_date: r.birth_date });
  }
  return out;
}

/** The workplace's list as its secretary signs it (on approval or on sending). */
export async function expectedResidenceList(
  db: Db,
  request: ResidenceRequest,
  signedAt: Date,
): Promise<Buffer> {
  const members = await membersOf(
    db,
    request.items.map((i) => i.memberId),
  );
  const orgs = await letterOrgs(db, [
    request.workplaceOrgId,
    ...request.items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : [])),
  ]);
  const input = residenceListPdfInput({
    request,
    memberOf: (id) => members.get(id),
    orgOf: (id) => orgs.get(id),
    date: signedAt,
  });
  return (await buildResidenceListPdf(input)).pdf;
}

/**
 * The comment form as the committee signs it, with the residence cell's comment. Null when it has
 * none or its member is unknown: nothing to sign.
 */
export async function expectedResidenceForm(
  db: Db,
  form: ResidenceForm,
  signedAt: Date,
): Promise<Buffer | null> {
  const { comment } = form;
  const member = (await membersOf(db, [form.memberId])).get(form.memberId);
  if (!comment || !member) return null;
  const orgs = await letterOrgs(db, [
    form.committeeOrgId,
    form.residenceOrgId,
    form.workplaceOrgId,
  ]);
  const input = residenceFormPdfInput({
    form: { ...form, comment },
    member,
    orgOf: (id) => orgs.get(id),
    date: signedAt,
  });
  return (await buildResidenceFormPdf(input)).pdf;
}
