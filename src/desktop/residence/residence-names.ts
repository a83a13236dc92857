import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import type { DossierFile } from '../contract-transfers';
import type { ServiceContext } from '../service-context';
import { orgNamer } from '../transfers/org-names';
import type { ResidenceModel } from './residence-model';

/** What a member outside the cached scope is called when the wire did not name him either. */
export const UNKNOWN_MEMBER_NAME = 'Đảng viên ngoài phạm vi dữ liệu';

/**
 * Org and member names from the cache, else from the names the list or form came with (the
 * residence side caches neither the workplace nor its members).
 */
export function residenceNamer(
  model: ResidenceModel,
  orgIds: readonly string[],
  memberIds: readonly string[],
  known: { orgNames: Record<string, string>; memberNames: Record<string, string> },
) {
  const org = orgNamer(model.base.repo, orgIds, known.orgNames);
  const members = model.base.repo.members(memberIds);
  return {
    org,
    member: (id: string) => ({
      id,
      fullName: members.get(id)?.full_name ?? known.memberNames[id] ?? UNKNOWN_MEMBER_NAME,
    }),
    birthDate: (id: string) => members.get(id)?.birth_date ?? null,
  };
}

/** A file of a list or form as the viewer lists it, cached or not. */
export function fileRef(
  ctx: ServiceContext,
  f: Omit<DossierFile, 'cached' | 'size'> & { size?: number },
): DossierFile {
  const blob = blobCacheRepo(ctx.handle).get(f.sha256);
  return { ...f, size: f.size ?? blob?.size ?? 0, cached: blob !== undefined };
}
