/**
 * The difference policy: which changes after a signed revision are allowed, as data. Modelled on
 * Acrobat's "changes made after signing" classes and pyHanko's difference analysis.
 *
 * Every object of the final state is placed in the realms it is reachable from (walker.ts). The
 * document realm is everything a viewer shows; the other realms start at the entries below, and
 * at signature fields whose /V is a signature verified in a later revision (and their widgets).
 * A new object is judged by its realms; a pre-existing object that changed is allowed only by a
 * container rule (catalog, AcroForm, page) or when it lives only in the metadata or DSS realms.
 */
import type { ChangeVerdict } from './types';

export type Realm = 'document' | 'signature' | 'formResources' | 'dss' | 'info' | 'metadata';

export type RealmHolder = 'trailer' | 'catalog' | 'acroForm';

/** Where the realms other than the document and the signatures begin. */
export const REALM_ENTRIES: readonly { holder: RealmHolder; key: string; realm: Realm }[] = [
  { holder: 'trailer', key: 'Info', realm: 'info' },
  { holder: 'catalog', key: 'Metadata', realm: 'metadata' },
  { holder: 'catalog', key: 'DSS', realm: 'dss' },
  { holder: 'acroForm', key: 'DR', realm: 'formResources' },
];

/** What may be added after a signature, by DocMDP level ('approval': no certification). */
export interface Permissions {
  /** New signature fields (with a verified /V), their widgets, appearances and /DR growth. */
  newSignatures: boolean;
}

/**
 * DocMDP (PDF 32000-1 §12.8.2.2): P=1 no changes, P=2 form filling and signing, P=3 also
 * annotations. Form filling and annotations are not yet allowed at any level (stricter than the
 * standard, never looser). The DSS stays allowed at every level, for PAdES long-term validation.
 * Document timestamps are signature fields: allowed where new signatures are, once verified.
 */
export const PERMISSIONS: Record<'approval' | 1 | 2 | 3, Permissions> = {
  approval: { newSignatures: true },
  1: { newSignatures: false },
  2: { newSignatures: true },
  3: { newSignatures: true },
};

/** The DocMDP level when a certification signature gives no /P. */
export const DEFAULT_DOC_MDP = 2;

/** How a new or changed object is judged by the realm it is reachable from. */
export function realmVerdict(realm: Realm, permissions: Permissions): ChangeVerdict {
  switch (realm) {
    case 'document':
      return 'disallowed';
    case 'signature':
    case 'formResources':
      return permissions.newSignatures ? 'allowed' : 'disallowed';
    case 'dss':
      return 'allowed';
    case 'info':
    case 'metadata':
      return 'harmless';
  }
}

/** A pre-existing object that changed is allowed only when all its realms are among these. */
export const CHANGEABLE_REALMS: readonly Realm[] = ['dss', 'info', 'metadata'];

/**
 * How a key of a container may change:
 * - signatures: allowed when new signatures are;
 * - ltv: DSS and its extension declaration, always allowed;
 * - harmless: listed, never a reason to refuse;
 * - structural rules (compared on their own): acroForm, fields, annots, grows.
 */
export type KeyRule =
  'signatures' | 'ltv' | 'harmless' | 'acroForm' | 'fields' | 'annots' | 'grows';

export const CATALOG_KEYS: Readonly<Record<string, KeyRule>> = {
  AcroForm: 'acroForm',
  DSS: 'ltv',
  Extensions: 'ltv',
  Metadata: 'harmless',
};

export const ACROFORM_KEYS: Readonly<Record<string, KeyRule>> = {
  /** Only gains signature fields whose /V is verified later. */
  Fields: 'fields',
  SigFlags: 'signatures',
  /** Default resources: may gain entries, never lose or change one. */
  DR: 'grows',
};

export const PAGE_KEYS: Readonly<Record<string, KeyRule>> = {
  /** Only gains the widgets of signature fields whose /V is verified later. */
  Annots: 'annots',
};

/** A signature field that existed unsigned and was signed later: the keys that may change. */
export const FILLED_SIGNATURE_FIELD_KEYS: readonly string[] = ['V', 'AP', 'AS'];

export function keyVerdict(
  rule: 'signatures' | 'ltv' | 'harmless',
  permissions: Permissions,
): ChangeVerdict {
  if (rule === 'harmless') return 'harmless';
  if (rule === 'ltv') return 'allowed';
  return permissions.newSignatures ? 'allowed' : 'disallowed';
}
