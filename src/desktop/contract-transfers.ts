import { z } from 'zod';
import { CertificateRegistration } from '../api/certificates';
import { DossierWire, TransferDestination } from '../api/transfers';
import {
  AttachmentContentType,
  Sha256Hex,
  TransferForm,
  TransferStatus,
} from '../domain/procedures/transfer-dossier';
import { TransferVariant } from '../domain/procedures/transfer-route';
import { OrgType } from '../domain/org/org-types';

/**
 * The DesktopApi calls of the transfer procedures ("Xử lý hồ sơ » Chuyển sinh hoạt đảng …"):
 * lists and dossiers read from the cache, actions queued in the outbox (DESIGN.md, sync push),
 * the token dialog and the outbox screen. Merged into `desktopCalls` by contract.ts.
 */

const Id = z.string().trim().min(1).max(64);
const Count = z.number().int().nonnegative();
const Reason = z.string().trim().min(1, 'Vui lòng nhập lý do.').max(1000);

const OrgName = z.object({ id: z.string(), name: z.string() });

/** nơi chuyển đi (the dossier's route passes the user's org before the handover) / nơi chuyển đến. */
export const DossierSide = z.enum(['outgoing', 'incoming']);
export type DossierSide = z.infer<typeof DossierSide>;
export const dossierSideLabelVi = {
  outgoing: 'Tổ chức đảng nơi chuyển đi',
  incoming: 'Tổ chức đảng nơi chuyển đến',
} as const satisfies Record<DossierSide, string>;

/** An outbox entry as the UI shows it. */
export const OutboxEntry = z.object({
  id: z.uuid(),
  seq: Count,
  kind: z.string(),
  entityId: z.string().nullable(),
  /** The action's type ('check', 'sign_and_forward', …). */
  actionType: z.string(),
  /** pending | sending | needs_attention */
  status: z.enum(['pending', 'sending', 'needs_attention']),
  /** The server's result code when it did not apply it (conflict, forbidden, invalid). */
  resultCode: z.string().nullable(),
  /** The server's Vietnamese message, or null while waiting. */
  message: z.string().nullable(),
  createdAt: z.string(),
  /** "Nguyễn Văn A — Chuyển sinh hoạt đảng chính thức", for the outbox list. */
  label: z.string(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const DossierListItem = z.object({
  id: z.string(),
  variant: TransferVariant,
  status: TransferStatus,
  member: OrgName.extend({ fullName: z.string() }).omit({ name: true }),
  fromOrg: OrgName,
  destinationOrg: OrgName,
  currentOrg: OrgName,
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** The date by which the member presents the letter (dd/MM/yyyy shown by the UI). */
  presentBy: z.string().nullable(),
  overdue: z.boolean(),
  /** The dossier is at one of the user's orgs and waits for an action the user may take. */
  awaitingMe: z.boolean(),
  /** Outbox entries of this dossier not yet applied by the server. */
  pendingActions: Count,
  needsAttention: z.boolean(),
});
export type DossierListItem = z.infer<typeof DossierListItem>;

export const RouteStep = z.object({
  orgId: z.string(),
  name: z.string(),
  type: OrgType.nullable(),
  side: z.enum(['from', 'to']),
  /** done: it acted already; current: the dossier is there; later: still to come. */
  state: z.enum(['done', 'current', 'later']),
});
export type RouteStep = z.infer<typeof RouteStep>;

export const DossierHistoryItem = z.object({
  type: z.string(),
  /** Vietnamese label of the action (transferActionLabelVi). */
  label: z.string(),
  org: OrgName.nullable(),
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  nextOrg: OrgName.nullable(),
  signedPdfSha256: Sha256Hex.nullable(),
});
export type DossierHistoryItem = z.infer<typeof DossierHistoryItem>;

export const DossierFile = z.object({
  sha256: Sha256Hex,
  fileName: z.string(),
  contentType: AttachmentContentType,
  size: Count,
  /** The bytes are in the local cache: it opens offline. */
  cached: z.boolean(),
});
export type DossierFile = z.infer<typeof DossierFile>;

/** What the current user may do now (the state machine asked with the user's roles here). */
export const DossierAllowed = z.object({
  check: z.boolean(),
  forward: z.boolean(),
  signAndForward: z.boolean(),
  return: z.boolean(),
  reject: z.boolean(),
  /** "Nộp lại" of a returned dossier: its member, or the officer who filed it on his behalf. */
  resubmit: z.boolean(),
});
export type DossierAllowed = z.infer<typeof DossierAllowed>;

export const DossierDetail = z.object({
  /** The server's state as last pulled. */
  dossier: DossierWire.extend({ rev: z.number().int().positive() }),
  /** The state with the user's pending outbox actions applied (optimistic); == dossier when none. */
  shown: DossierWire,
  member: z
    .object({
      id: z.string(),
      fullName: z.string(),
      birthDate: z.string(),
      cardNo: z.string().nullable(),
      profileNo: z.string().nullable(),
    })
    .nullable(),
  fromOrg: OrgName,
  destinationOrg: OrgName,
  currentOrg: OrgName,
  route: z.array(RouteStep),
  history: z.array(DossierHistoryItem),
  attachments: z.array(DossierFile),
  /** The latest signed introduction letter, when an org signed already. */
  letter: DossierFile.nullable(),
  overdue: z.boolean(),
  /** The next org the tree proposes for the check form (null at the last hop). */
  proposedNextOrg: OrgName.nullable(),
  /** Every org the check may name instead (the server checks it again). */
  nextOrgChoices: z.array(OrgName),
  allowed: DossierAllowed,
  pending: z.array(OutboxEntry),
});
export type DossierDetail = z.infer<typeof DossierDetail>;

/**
 * One signature's verdict, worst first: broken (the signature itself fails), changed (valid, but
 * the document was changed after signing in a way the signer did not allow), revoked (a
 * certificate of the path was revoked before the signature's proven time), untrusted (sound, but no
 * path to our trust anchors), valid.
 */
export const SignatureVerdict = z.enum(['broken', 'changed', 'revoked', 'untrusted', 'valid']);
export type SignatureVerdict = z.infer<typeof SignatureVerdict>;

export const SignatureCheck = z.object({
  fieldName: z.string(),
  verdict: SignatureVerdict,
  signerName: z.string().nullable(),
  /** The signer certificate's organization (O / OU), when present. */
  signerOrg: z.string().nullable(),
  signedAt: z.string().nullable(),
  timestamped: z.boolean(),
  /** Bytes and CMS intact. */
  intact: z.boolean(),
  /** Chains to the configured trust anchors. */
  trusted: z.boolean(),
  /** Only later signatures were added after it. */
  unmodifiedSince: z.boolean(),
  /** PAdES B-T: who stamped the time and whether we trust them. */
  timestamp: z
    .object({ time: z.string().nullable(), tsa: z.string().nullable(), trusted: z.boolean() })
    .nullable(),
  /** Where the revocation status came from: embedded in the PDF (B-LT), OCSP or CRL online. */
  revocation: z.object({
    status: z.enum(['good', 'revoked', 'unknown', 'not_checked']),
    source: z.enum(['dss', 'ocsp', 'crl']).nullable(),
    revokedAt: z.string().nullable(),
    noteVi: z.string().nullable(),
  }),
  /** The changes made after signing that the signer did not allow, one line each (Vietnamese). */
  changesVi: z.array(z.string()),
  /** Vietnamese one-line verdict for the panel. */
  summaryVi: z.string(),
  problems: z.array(z.string()),
});
export type SignatureCheck = z.infer<typeof SignatureCheck>;

export const TokenCertificateInfo = z.object({
  /** CKA_ID as hex: what signing asks for. */
  id: z.string(),
  label: z.string(),
  subjectName: z.string(),
  issuerName: z.string(),
  serialNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** Usable now (validity period and key usage). */
  usable: z.boolean(),
  /** SHA-256 of the DER: how the server's certificate registry knows it. */
  fingerprintSha256: z.string(),
  problemVi: z.string().nullable(),
});
export type TokenCertificateInfo = z.infer<typeof TokenCertificateInfo>;

export const TokenInfo = z.object({
  slotId: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  serialNumber: z.string(),
  pinStatus: z.enum(['ok', 'count_low', 'final_try', 'locked']),
  /** Vietnamese warning for a low, final-try or locked PIN. */
  pinWarningVi: z.string().nullable(),
  certificates: z.array(TokenCertificateInfo),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** A file picked by the user (report, paper scan): checked by type and size before it is kept. */
export const PickedFile = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentType: AttachmentContentType,
  dataBase64: z.string().min(1),
});
export type PickedFile = z.infer<typeof PickedFile>;

/** One of the member's own dossiers ("Chuyển sinh hoạt đảng" in his menu), with its trail. */
export const MyTransfer = z.object({
  id: z.string(),
  variant: TransferVariant,
  status: TransferStatus,
  destinationOrg: OrgName,
  currentOrg: OrgName,
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** Why it was returned or rejected. */
  reason: z.string().nullable(),
  /** "Nộp hộ bởi …" when staff filed it for him. */
  filedByVi: z.string().nullable(),
  form: TransferForm,
  attachments: z.array(DossierFile),
  route: z.array(RouteStep),
  history: z.array(DossierHistoryItem),
  /** Returned to him and nothing of his waits in the outbox refused: he may file it again. */
  canResubmit: z.boolean(),
  /** His resubmission queued and not yet applied by the server. */
  pendingActions: Count,
  needsAttention: z.boolean(),
});
export type MyTransfer = z.infer<typeof MyTransfer>;

const Files = z.array(PickedFile).max(20).default([]);

const DossierInput = z.object({ dossierId: Id });

/** A certificate on a plugged-in token. */
const TokenCertificateInput = z.object({
  slotId: z.string().min(1).max(64),
  certificateId: z.string().regex(/^[0-9a-f]{1,256}$/i),
});

export const TokenRegistrationStatus = z.object({
  /** registered: signs for this user; not_registered: may be registered; revoked: signs no more. */
  status: z.enum(['registered', 'not_registered', 'revoked']),
  fingerprintSha256: z.string(),
  messageVi: z.string(),
});
export type TokenRegistrationStatus = z.infer<typeof TokenRegistrationStatus>;

export const transferCalls = {
  /**
   * "Nộp hồ sơ": the member files his own transfer, or a processor or approver of the member's
   * cell files it for him (`forMemberId`). Online: the files go up as blobs, then the dossier.
   */
  fileTransfer: {
    input: z.object({
      variant: TransferVariant,
      form: TransferForm,
      files: Files,
      forMemberId: Id.optional(),
    }),
    output: z.object({ dossierId: z.string() }),
  },
  /** "Nơi chuyển đến": cells of the whole tree by name or code (online). */
  transferDestinations: {
    input: z.object({ q: z.string().trim().min(1).max(100) }),
    output: z.object({ items: z.array(TransferDestination) }),
  },
  /** The signed-in member's own dossiers from the cache, newest first. */
  myTransfers: {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(MyTransfer) }),
  },
  /** "Nộp lại": a returned dossier with the corrected form, kept and new files (queued). */
  resubmitTransfer: {
    input: DossierInput.extend({
      form: TransferForm,
      keep: z.array(Sha256Hex).max(20).default([]),
      files: Files,
    }),
    output: z.object({ outboxId: z.uuid() }),
  },
  /** "Xử lý hồ sơ » <variant> » nơi chuyển đi / nơi chuyển đến": dossiers touching the user's orgs. */
  listDossiers: {
    input: z.object({
      variant: TransferVariant,
      side: DossierSide,
      status: TransferStatus.optional(),
      /** Member name or citizen id words. */
      q: z.string().max(200).optional(),
      /** Only dossiers waiting for the user's action. */
      awaitingMe: z.boolean().default(false),
      limit: z.number().int().min(1).max(2000).default(500),
    }),
    output: z.object({ items: z.array(DossierListItem), truncated: z.boolean() }),
  },
  dossierDetail: { input: DossierInput, output: DossierDetail },
  /** A cached file (or fetched now and cached when online), for the embedded viewer. */
  readBlob: {
    input: z.object({ sha256: Sha256Hex }),
    output: z.object({ contentType: AttachmentContentType, size: Count, base64: z.string() }),
  },
  /** Our verifier's result per signature of a cached PDF (signatures panel). */
  verifyPdfSignatures: {
    input: z.object({ sha256: Sha256Hex }),
    output: z.object({ signatures: z.array(SignatureCheck) }),
  },
  /** Check form: the filled-in data and the confirmed next org (null = the proposed one). */
  checkDossier: {
    input: DossierInput.extend({
      data: z.record(z.string().max(100), z.string().max(2000)).default({}),
      nextOrgId: Id.nullable().default(null),
    }),
    output: z.object({ outboxId: z.uuid() }),
  },
  /** Approve = forward without a signature (or the final approval at the destination cell). */
  forwardDossier: { input: DossierInput, output: z.object({ outboxId: z.uuid() }) },
  returnDossier: {
    input: DossierInput.extend({ reason: Reason }),
    output: z.object({ outboxId: z.uuid() }),
  },
  rejectDossier: {
    input: DossierInput.extend({ reason: Reason }),
    output: z.object({ outboxId: z.uuid() }),
  },
  /** Tokens plugged in and their certificates (the token dialog). */
  listTokens: {
    input: z.object({}).strict(),
    output: z.object({ modulePath: z.string().nullable(), tokens: z.array(TokenInfo) }),
  },
  /**
   * Signs the introduction letter with the token (a new incremental signature in this org's box)
   * and queues sign-and-forward. The PIN is used once and never stored or logged.
   */
  signAndForwardDossier: {
    input: DossierInput.extend({
      slotId: z.string().min(1).max(64),
      certificateId: z.string().regex(/^[0-9a-f]{1,256}$/i),
      pin: z.string().min(4, 'Mã PIN có ít nhất 4 ký tự.').max(64),
    }),
    output: z.object({ outboxId: z.uuid(), letterSha256: Sha256Hex }),
  },
  listOutbox: {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(OutboxEntry) }),
  },
  /** Drops an entry the server did not apply (the user redoes the action on fresh data). */
  discardOutboxEntry: { input: z.object({ id: z.uuid() }), output: z.object({}) },
  /** Sends the outbox now (syncNow also pushes before it pulls). */
  pushNow: {
    input: z.object({}).strict(),
    output: z.object({ applied: Count, notApplied: Count, remaining: Count }),
  },
  /**
   * Whether the server knows the token certificate as the user's (online only): the server takes
   * a signature only from a certificate registered to the signer.
   */
  tokenCertificateRegistration: {
    input: z.object({ fingerprintSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: TokenRegistrationStatus,
  },
  /** "Đăng ký chứng thư số": registers the token certificate (and its CA chain) to the user. */
  registerTokenCertificate: { input: TokenCertificateInput, output: TokenRegistrationStatus },
  /** Admin: the registrations of the users in the admin's scope (the full screen comes later). */
  listCertificateRegistrations: {
    input: z.object({ status: z.enum(['active', 'all']).default('active') }),
    output: z.object({ items: z.array(CertificateRegistration) }),
  },
  /** Admin: "Thu hồi" a registration (recorded in the user's history). */
  revokeCertificateRegistration: {
    input: z.object({ id: Id, reason: z.string().trim().min(3).max(500) }),
    output: CertificateRegistration,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
