import type { DesktopCallName } from './contract';
import type { accountMemberCalls, accountStaffCalls } from './contract-accounts';
import type { exportCalls } from './contract-exports';
import type { feeCalls } from './contract-fees';
import type { holidayCalls } from './contract-holidays';
import type { imageCalls } from './contract-images';
import type { importCalls } from './contract-imports';
import type { oversightCalls } from './contract-oversight';
import type { residenceCalls } from './contract-residence';
import type { transferCalls } from './contract-transfers';
import type { MemberCall } from './member-handlers';
import type { OrgCall } from './org-handlers';
import type { HandlersFor } from './service-context';
import type { SessionCall } from './session-handlers';
import type { SyncCall } from './sync-handlers';
import type { UserCall } from './user-handlers';
import type { userAdminCalls } from './contract-users';
import type { orgAdminCalls } from './contract-org-admin';
import type { updateCalls } from './contract-updates';
import type { notificationCalls } from './contract-notifications';

/** The handler groups, one per procedure or topic. */
export interface HandlerGroups {
  session: HandlersFor<SessionCall>;
  sync: HandlersFor<SyncCall>;
  orgs: HandlersFor<OrgCall>;
  members: HandlersFor<MemberCall>;
  users: HandlersFor<UserCall>;
  userAdmin: HandlersFor<keyof typeof userAdminCalls>;
  orgAdmin: HandlersFor<keyof typeof orgAdminCalls>;
  transfers: HandlersFor<keyof typeof transferCalls>;
  fees: HandlersFor<keyof typeof feeCalls>;
  residence: HandlersFor<keyof typeof residenceCalls>;
  accountStaff: HandlersFor<keyof typeof accountStaffCalls>;
  accountMember: HandlersFor<keyof typeof accountMemberCalls>;
  holidays: HandlersFor<keyof typeof holidayCalls>;
  images: HandlersFor<keyof typeof imageCalls>;
  imports: HandlersFor<keyof typeof importCalls>;
  oversight: HandlersFor<keyof typeof oversightCalls>;
  exports: HandlersFor<keyof typeof exportCalls>;
  updates: HandlersFor<keyof typeof updateCalls>;
  notifications: HandlersFor<keyof typeof notificationCalls>;
}

/**
 * The one table of the desktop service: every call of the contract and the group that handles
 * it. A call missing here, or a name the contract does not have, does not compile.
 */
export function desktopHandlers(groups: HandlerGroups): HandlersFor<DesktopCallName> {
  const { session, sync, orgs, members, users, transfers, fees, residence } = groups;
  const { accountStaff, accountMember, userAdmin, holidays, oversight, exports, updates } = groups;
  const { orgAdmin, images, imports, notifications } = groups;
  return {
    login: session.login,
    logout: session.logout,
    session: session.session,
    oidcStatus: session.oidcStatus,
    startOidcLogin: session.startOidcLogin,

    syncNow: sync.syncNow,
    syncStatus: sync.syncStatus,
    checkConnection: sync.checkConnection,

    orgChildren: orgs.orgChildren,
    orgAncestors: orgs.orgAncestors,
    orgSubtree: orgs.orgSubtree,
    orgSubtreeIds: orgs.orgSubtreeIds,
    orgDetail: orgs.orgDetail,
    searchOrgs: orgs.searchOrgs,
    findOrgs: orgs.findOrgs,
    editOrg: orgAdmin.editOrg,
    addChildOrg: orgAdmin.addChildOrg,
    moveOrg: orgAdmin.moveOrg,
    orgHistory: orgAdmin.orgHistory,

    searchMembers: members.searchMembers,
    orgMembers: members.orgMembers,
    memberDetail: members.memberDetail,

    listUsers: users.listUsers,
    userMemberLookup: userAdmin.userMemberLookup,
    createUser: userAdmin.createUser,
    editUser: userAdmin.editUser,
    lockUser: userAdmin.lockUser,
    unlockUser: userAdmin.unlockUser,
    resetUserPassword: userAdmin.resetUserPassword,
    grantUserRole: userAdmin.grantUserRole,
    revokeUserRole: userAdmin.revokeUserRole,
    userHistory: userAdmin.userHistory,

    listDossiers: transfers.listDossiers,
    dossierDetail: transfers.dossierDetail,
    fileTransfer: transfers.fileTransfer,
    transferDestinations: transfers.transferDestinations,
    myTransfers: transfers.myTransfers,
    resubmitTransfer: transfers.resubmitTransfer,
    readBlob: transfers.readBlob,
    verifyPdfSignatures: transfers.verifyPdfSignatures,
    checkDossier: transfers.checkDossier,
    forwardDossier: transfers.forwardDossier,
    returnDossier: transfers.returnDossier,
    rejectDossier: transfers.rejectDossier,
    listTokens: transfers.listTokens,
    signAndForwardDossier: transfers.signAndForwardDossier,
    listOutbox: transfers.listOutbox,
    discardOutboxEntry: transfers.discardOutboxEntry,
    pushNow: transfers.pushNow,
    tokenCertificateRegistration: transfers.tokenCertificateRegistration,
    registerTokenCertificate: transfers.registerTokenCertificate,
    listCertificateRegistrations: transfers.listCertificateRegistrations,
    revokeCertificateRegistration: transfers.revokeCertificateRegistration,

    feeCells: fees.feeCells,
    feeApprovalSheet: fees.feeApprovalSheet,
    approveFees: fees.approveFees,
    startFeePayment: fees.startFeePayment,
    myFeeDue: fees.myFeeDue,
    startOwnFeePayment: fees.startOwnFeePayment,
    feePayment: fees.feePayment,
    feeTransactions: fees.feeTransactions,
    queryFeePayment: fees.queryFeePayment,
    settleFeePayment: fees.settleFeePayment,
    feeReceipt: fees.feeReceipt,
    feeLedger: fees.feeLedger,
    exportFeeLedger: fees.exportFeeLedger,
    feeOrgReport: fees.feeOrgReport,
    exportFeeOrgReport: fees.exportFeeOrgReport,
    feeVietQr: fees.feeVietQr,
    feeBankAccounts: fees.feeBankAccounts,
    saveFeeBankAccount: fees.saveFeeBankAccount,
    feeStatementOrgs: fees.feeStatementOrgs,
    importFeeStatement: fees.importFeeStatement,
    feeStatementLines: fees.feeStatementLines,
    matchFeeStatementLine: fees.matchFeeStatementLine,
    feeRuleVersions: fees.feeRuleVersions,
    correctFeeRule: fees.correctFeeRule,

    residenceLists: residence.residenceLists,
    residenceListDetail: residence.residenceListDetail,
    residenceCandidates: residence.residenceCandidates,
    createResidenceList: residence.createResidenceList,
    residenceListAction: residence.residenceListAction,
    returnResidenceList: residence.returnResidenceList,
    signResidenceList: residence.signResidenceList,
    residenceForms: residence.residenceForms,
    residenceFormDetail: residence.residenceFormDetail,
    writeResidenceForm: residence.writeResidenceForm,
    residenceFormsAction: residence.residenceFormsAction,
    returnResidenceForm: residence.returnResidenceForm,
    recordPaperResidenceForm: residence.recordPaperResidenceForm,
    signAndSendResidenceForms: residence.signAndSendResidenceForms,
    submitResidenceReport: residence.submitResidenceReport,
    cancelSigningBatch: residence.cancelSigningBatch,
    residenceReceipts: residence.residenceReceipts,
    exportResidenceForms: residence.exportResidenceForms,
    residenceCampaign: residence.residenceCampaign,
    saveResidenceCampaign: residence.saveResidenceCampaign,

    accountRequests: accountStaff.accountRequests,
    accountRequestDetail: accountStaff.accountRequestDetail,
    decideAccountRequests: accountStaff.decideAccountRequests,
    accountRequestCounts: accountStaff.accountRequestCounts,
    memberRecordLookup: accountStaff.memberRecordLookup,
    registerMemberOnBehalf: accountStaff.registerMemberOnBehalf,

    myAccount: accountMember.myAccount,
    fileInfoChange: accountMember.fileInfoChange,
    filePositionRequest: accountMember.filePositionRequest,
    fileCellChange: accountMember.fileCellChange,
    cellChoices: accountMember.cellChoices,
    registrationLookup: accountMember.registrationLookup,
    registerAccount: accountMember.registerAccount,

    holidayCalendar: holidays.holidayCalendar,
    saveHolidayYear: holidays.saveHolidayYear,
    orgSealImage: images.orgSealImage,
    saveOrgSealImage: images.saveOrgSealImage,
    mySignatureImage: images.mySignatureImage,
    saveMySignatureImage: images.saveMySignatureImage,
    importScopes: imports.importScopes,
    previewImport: imports.previewImport,
    applyImport: imports.applyImport,
    oversightDashboard: oversight.oversightDashboard,
    readinessReport: oversight.readinessReport,
    exportReadinessReport: oversight.exportReadinessReport,

    exportList: exports.exportList,
    updateStatus: updates.updateStatus,
    restartToUpdate: updates.restartToUpdate,

    notifications: notifications.notifications,
    markNotificationsSeen: notifications.markNotificationsSeen,
    notificationSettings: notifications.notificationSettings,
    saveNotificationSettings: notifications.saveNotificationSettings,
  };
}
