import { PDFDocument, PDFName, PDFString, PDFDict } from '@cantoo/pdf-lib';
import { z } from 'zod';
import type { DossierWire } from '../../api/transfers';
import { LETTER_NUMBER_FIELD } from '../../domain/procedures/transfer-dossier';
import {
  buildTransferLetter,
  type SignatureBox,
  type TransferLetterInput,
} from '../../documents/transfer-letter/transfer-letter';
import { PdfString as ReadString } from '../../signing/pdf/pdf-objects';
import { PdfReader } from '../../signing/pdf/pdf-reader';
import { fail } from '../service-kit';
import type { TransferModel } from './transfer-model';
import { UNKNOWN_ORG_NAME } from './org-names';

// The introduction letter's signature boxes: one per route org, filled level by level. The boxes
// of a letter are written into its document information dictionary when the letter is made, so
// every later signer (on any machine, whatever its cache holds) puts its signature in its own box
// without laying the letter out again from data it may not have.

/** Key of the document information dictionary holding the boxes as JSON. */
export const BOXES_INFO_KEY = 'DangvuSignatureBoxes';

const Boxes = z.array(
  z.object({
    orgId: z.string(),
    page: z.number().int().positive(),
    rect: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
);

/** Writes the boxes into the letter (before any signature: the file is saved once more). */
export async function withBoxes(pdf: Buffer, boxes: SignatureBox[]): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf);
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : undefined;
  if (!info) throw new Error('the generated letter has no information dictionary');
  info.set(PDFName.of(BOXES_INFO_KEY), PDFString.of(JSON.stringify(boxes)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** The boxes a letter carries, or null for a letter made without them. */
export function boxesOf(pdf: Buffer): SignatureBox[] | null {
  try {
    const reader = new PdfReader(pdf);
    const raw = reader.dict(reader.trailer.get('Info'))?.get(BOXES_INFO_KEY);
    if (!(raw instanceof ReadString)) return null;
    const parsed = Boxes.safeParse(JSON.parse(raw.bytes.toString('latin1')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The box of the org where the dossier is: its own box, else the box at its position on the route
 * (a receiving committee that placed the member in another cell re-planned the tail), else null
 * (signPdf's default place, bottom right of the last page).
 */
export function boxFor(
  boxes: readonly SignatureBox[] | null,
  shown: Pick<DossierWire, 'currentOrgId' | 'position'>,
): Pick<SignatureBox, 'page' | 'rect'> | null {
  if (!boxes) return null;
  return boxes.find((b) => b.orgId === shown.currentOrgId) ?? boxes[shown.position] ?? null;
}

/** "Đảng bộ Phường Việt Hưng": the place of the letter is the org's ward, else its province. */
const placeOf = (org: { ward: string | null; province: string | null } | undefined) =>
  org?.ward?.trim() || org?.province?.trim() || '';

/**
 * What a new letter says, from the cached dossier, member and org names (the number the check
 * form filled in, else blank for the office; dated today). Refused when the cache lacks the member: a letter must name them.
 */
export function letterInput(
  model: TransferModel,
  shown: DossierWire,
  now: Date,
): TransferLetterInput {
  const member = model.memberOf(shown);
  if (!member)
    return fail(
      'member_not_cached',
      `member ${shown.memberId} is not in the local cache`,
      'Máy chưa có dữ liệu của đảng viên trong hồ sơ nên chưa lập được giấy giới thiệu. Hãy đồng bộ dữ liệu rồi thử lại.',
    );
  const orgs = model.repo.orgs([...shown.route.orgIds, shown.fromOrgId]);
  const from = orgs.get(shown.fromOrgId);
  const superior = from?.parent_id
    ? model.repo.orgs([from.parent_id]).get(from.parent_id)
    : undefined;
  const destinationId = shown.route.orgIds[shown.route.orgIds.length - 1] ?? '';
  const nameOf = (id: string) => orgs.get(id)?.name ?? shown.orgNames?.[id] ?? UNKNOWN_ORG_NAME;
  const letterNumber = shown.checkedData?.[LETTER_NUMBER_FIELD]?.trim();
  return {
    variant: shown.variant,
    ...(letterNumber ? { number: letterNumber } : {}),
    place: placeOf(orgs.get(shown.currentOrgId) ?? from),
    date: now,
    member: {
      fullName: member.full_name,
      birthDate: member.birth_date,
      cardNo: member.card_no,
      profileNo: member.profile_no,
      joinedOn: member.joined_on,
      officialOn: member.official_on,
    },
    from: { name: nameOf(shown.fromOrgId), ...(superior ? { superiorName: superior.name } : {}) },
    to: { name: nameOf(destinationId) },
    reason: shown.form.reason,
    temporary: shown.form.temporary
      ? { startOn: shown.form.temporary.startOn, endOn: shown.form.temporary.endOn }
      : null,
    presentBy: shown.presentBy,
    route: shown.route.orgIds.map((orgId) => ({ orgId, name: nameOf(orgId) })),
  };
}

/** A new introduction letter for the dossier, carrying its signature boxes. */
export async function newLetter(
  model: TransferModel,
  shown: DossierWire,
  now: Date,
): Promise<{ pdf: Buffer; boxes: SignatureBox[] }> {
  const { pdf, boxes } = await buildTransferLetter(letterInput(model, shown, now));
  return { pdf: await withBoxes(pdf, boxes), boxes };
}
