import { z } from 'zod';
import type { DossierWire } from '../../api/transfers';
import type {
  SignatureBox,
  TransferLetterInput,
} from '../../documents/transfer-letter/transfer-letter';
import { BOXES_INFO_KEY, unsignedLetter } from '../../documents/transfer-letter/letter-boxes';
import { letterMemberOf, transferLetterInput } from '../../documents/transfer-letter/letter-input';
import { PdfString as ReadString } from '../../signing/pdf/pdf-objects';
import { PdfReader } from '../../signing/pdf/pdf-reader';
import { fail } from '../service-context';
import type { TransferModel } from './transfer-model';
import { UNKNOWN_ORG_NAME } from './org-names';

// Where each org signs the introduction letter: the boxes the letter carries (see letter-boxes).

export { BOXES_INFO_KEY, withBoxes } from '../../documents/transfer-letter/letter-boxes';

const Boxes = z.array(
  z.object({
    orgId: z.string(),
    page: z.number().int().positive(),
    rect: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
);

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

/**
 * What a new letter says, from the cached dossier, member and org names (the number the check
 * form filled in, else blank for the office; dated on the signing day). Refused when the cache
 * lacks the member: a letter must name them. The server rebuilds the same letter from its own
 * data to check the first signature (see `transferLetterInput`).
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
  const orgs = model.repo.orgs([...shown.route.orgIds, shown.fromOrgId, shown.currentOrgId]);
  const orgOf = (id: string) => {
    const row = orgs.get(id) ?? model.repo.orgs([id]).get(id);
    return row
      ? { name: row.name, parentId: row.parent_id, ward: row.ward, province: row.province }
      : undefined;
  };
  return transferLetterInput({
    dossier: shown,
    member: letterMemberOf(member),
    orgOf,
    nameOf: (id) => orgs.get(id)?.name ?? shown.orgNames?.[id] ?? UNKNOWN_ORG_NAME,
    date: now,
    calendar: model.calendar,
  });
}

/** A new introduction letter for the dossier, carrying its signature boxes. */
export async function newLetter(
  model: TransferModel,
  shown: DossierWire,
  now: Date,
): Promise<{ pdf: Buffer; boxes: SignatureBox[] }> {
  return unsignedLetter(letterInput(model, shown, now));
}
