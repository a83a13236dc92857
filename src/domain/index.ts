/** The pure domain core: types, schemas, validators and rules shared by the app and the server. */

export { fail, ok, type Failure, type Ok, type Result } from './common/result';
export { addFailure, parseWithMessages, validatedString } from './common/zod-result';
export { Id, IsoDate, NonBlankText } from './common/schemas';

export { foldForSearch, searchTokens } from './text/fold';
export {
  foldQuery,
  matchesQuery,
  MatchTier,
  matchTier,
  matchTierOf,
  foldText,
  type FoldedText,
  rankMatches,
  type FoldedQuery,
} from './text/match';
export {
  compareVietnameseNames,
  splitVietnameseName,
  vietnameseNameSortKey,
  type VietnameseNameParts,
} from './text/vietnamese-names';

export {
  canContain,
  CellSubtype,
  cellSubtypeLabelVi,
  isCell,
  isCommittee,
  OrgType,
  orgTypeLabelVi,
  validateCellSubtype,
  validateOrgPlacement,
  validateParentPresence,
  type CellSubtypeCode,
  type OrgPlacementCode,
  type ParentPresenceCode,
} from './org/org-types';
export { formatOrgCode, OrgCode, validateOrgCode, type OrgCodeCode } from './org/org-code';
export { orgShortName } from './org/org-short-name';
export {
  AllocationDirection,
  allocationDirectionLabelVi,
  Org,
  orgFieldLabelVi,
  OrgStatus,
  orgStatusLabelVi,
  validateOrg,
  type OrgRuleCode,
} from './org/org';
export { BankAccount, validateBankAccounts, type BankAccountsCode } from './org/bank-account';

export { Sex, sexLabelVi } from './people/sex';
export {
  Member,
  MemberFields,
  memberFieldLabelVi,
  MemberPosition,
  MemberStatus,
  memberStatusLabelVi,
  Position,
  positionLabelVi,
} from './people/member';
export {
  hasRoleAt,
  Role,
  RoleGrant,
  roleLabelVi,
  User,
  userFieldLabelVi,
  UserStatus,
  userStatusLabelVi,
} from './people/user';

export {
  CitizenId,
  citizenIdCenturySexDigit,
  validateCitizenId,
  type CitizenIdCode,
  type CitizenIdParts,
} from './validation/citizen-id';
export {
  VIETNAMESE_MOBILE_PREFIXES,
  validateVietnameseMobile,
  VietnameseMobile,
  type MobilePhoneCode,
} from './validation/mobile-phone';
export { Email, validateEmail, type EmailCode } from './validation/email';
export {
  CitadCode,
  validateCitadCode,
  type CitadCodeCode,
  type CitadCodeParts,
} from './validation/citad-code';
export {
  BankAccountNo,
  validateBankAccountNo,
  type BankAccountNoCode,
} from './validation/bank-account-no';
export * as fees from './fees';

export * from './calendar/working-days';
export * from './calendar/holiday-year';
export * from './procedures';
