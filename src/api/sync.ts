import { z } from 'zod';
import { BankAccount, Org } from '../domain/org/org';
import { Member } from '../domain/people/member';
import { User, RoleGrant } from '../domain/people/user';
import { ResidenceFormWire, ResidenceRequestWire } from './residence';
import { DossierWire } from './transfers';
import { AccountRequestWire } from './account-wire';
import { HolidayYearWire } from './holiday-wire';
import { ResidenceCampaignView } from './residence-campaign-wire';
import { Sha256Hex } from '../domain/procedures/transfer-dossier';

/** Entities that travel through pull. Wire shapes are the domain schemas plus server fields. */
export const SyncEntity = z.enum(['org', 'bankAccount', 'member', 'user', 'userRole']);
export type SyncEntity = z.infer<typeof SyncEntity>;

export const OrgWire = Org.extend({
  /** Materialized path of ids, '/root/…/self/'. */
  path: z.string(),
  depth: z.number().int().nonnegative(),
  /** The org's seal image (a PNG blob), null when none is registered (decision 0039). */
  sealImageSha256: Sha256Hex.nullable(),
});
export type OrgWire = z.infer<typeof OrgWire>;

export const UserWire = User.omit({ roles: true }).extend({
  memberId: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  /** The user's signature image (a PNG blob), null when none is registered (decision 0039). */
  signatureImageSha256: Sha256Hex.nullable(),
});
export type UserWire = z.infer<typeof UserWire>;

export const UserRoleWire = RoleGrant.extend({ id: z.string(), userId: z.string() });
export type UserRoleWire = z.infer<typeof UserRoleWire>;

const rev = z.number().int().positive();
/**
 * Transfer dossiers travel to the orgs on their route. They are never deleted, so they are not (yet)
 * a SyncEntity of deletes: the client cache learns them when it grows a dossiers table.
 */
export const DOSSIER_ENTITY = 'dossier';
/** Residence lists and forms (Quy định 213): kept like dossiers, so upserts only. */
export const RESIDENCE_ENTITIES = ['residenceRequest', 'residenceForm'] as const;
/** Member account requests: kept like dossiers (decided, never deleted). */
export const ACCOUNT_REQUEST_ENTITY = 'accountRequest';
/** A year of the holiday calendar, to every cache (id = the year); years are replaced, not deleted. */
export const HOLIDAY_YEAR_ENTITY = 'holidayYear';
/**
 * A committee's residence campaign (id = `committee/year`), to every cache: the forms' due dates
 * follow it without the forms changing. Replaced, never deleted.
 */
export const RESIDENCE_CAMPAIGN_ENTITY = 'residenceCampaign';
type KeptEntity =
  | typeof DOSSIER_ENTITY
  | (typeof RESIDENCE_ENTITIES)[number]
  | typeof ACCOUNT_REQUEST_ENTITY
  | typeof HOLIDAY_YEAR_ENTITY
  | typeof RESIDENCE_CAMPAIGN_ENTITY;

const upsert = <E extends SyncEntity | KeptEntity, S extends z.ZodType>(entity: E, data: S) =>
  z.object({ op: z.literal('upsert'), entity: z.literal(entity), id: z.string(), rev, data });

// Discriminated (op, then entity): each change is checked against its one schema only, which
// halves the cost of validating a page compared to trying every option of a plain union.
export const PullChange = z.discriminatedUnion('op', [
  z.discriminatedUnion('entity', [
    upsert('org', OrgWire),
    upsert('bankAccount', BankAccount),
    upsert('member', Member),
    upsert('user', UserWire),
    upsert('userRole', UserRoleWire),
    upsert(DOSSIER_ENTITY, DossierWire),
    upsert('residenceRequest', ResidenceRequestWire),
    upsert('residenceForm', ResidenceFormWire),
    upsert(ACCOUNT_REQUEST_ENTITY, AccountRequestWire),
    upsert(HOLIDAY_YEAR_ENTITY, HolidayYearWire),
    upsert(RESIDENCE_CAMPAIGN_ENTITY, ResidenceCampaignView),
  ]),
  z.object({ op: z.literal('delete'), entity: SyncEntity, id: z.string(), rev }),
]);
export type PullChange = z.infer<typeof PullChange>;

export const PULL_MAX_LIMIT = 5000;

export const PullQuery = z.object({
  /** Opaque; absent on the first pull. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(1000),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  changes: z.array(PullChange),
  /** Pass back as `cursor` on the next pull. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Error code of the 409 answer that tells the client to rebuild its cache. */
export const RESYNC_ERROR = 'resync';
