import type { DesktopEvent, PulledEntity, SyncSummary } from '../../../src/desktop/contract';
import { CACHED_ENTITIES, type CachedEntity } from './query-keys';

/**
 * The cached entities whose screens show each pulled kind of entity: a member's name appears in
 * member lists, user lists, dossiers and fee sheets; a role grant changes what the user may see.
 */
const SHOWN_IN: Record<PulledEntity, readonly CachedEntity[]> = {
  org: ['orgs', 'members', 'users', 'dossiers', 'fees', 'residence', 'accounts'],
  bankAccount: ['orgs', 'fees'],
  member: ['members', 'orgs', 'users', 'dossiers', 'fees', 'residence', 'accounts'],
  user: ['users', 'session', 'accounts'],
  userRole: ['users', 'session', 'orgs'],
  dossier: ['dossiers'],
  residenceRequest: ['residence'],
  residenceForm: ['residence'],
  accountRequest: ['accounts'],
  // Every deadline on screen is counted with the calendar.
  holidayYear: ['holidays', 'dossiers', 'residence'],
  // The forms' due dates and the campaign screen.
  residenceCampaign: ['residence'],
};

/** What a finished sync made stale: the kinds it pulled, what it pushed, and its own status. */
export function staleAfterSync(summary: SyncSummary): readonly CachedEntity[] {
  if (summary.rebuilt) return CACHED_ENTITIES;
  const stale = new Set<CachedEntity>(['sync']);
  for (const kind of summary.entities) for (const entity of SHOWN_IN[kind]) stale.add(entity);
  // Entries the server applied change what it answers (fees) and what waits (outbox, dossiers).
  if (summary.pushed > 0)
    for (const entity of ['outbox', 'dossiers', 'fees', 'residence', 'accounts'] as const)
      stale.add(entity);
  return [...stale];
}

/** The cached entities an app event made stale (none for progress and failures to sign in). */
export function staleAfterEvent(event: DesktopEvent): readonly CachedEntity[] {
  switch (event.type) {
    case 'sync-finished':
      return staleAfterSync(event.summary);
    case 'sync-failed':
      return ['sync'];
    // Another user (or none) sees other things.
    case 'session-changed':
      return CACHED_ENTITIES;
    // Back online, the server's answers replace those read from the cache (and the residence
    // campaign, which only the server answers).
    case 'online-changed':
      return event.online ? ['sync', 'fees', 'residence'] : ['sync'];
    // Queued, sent or answered: the outbox, the dossiers it concerns, and queued approvals.
    case 'outbox-changed':
      return ['outbox', 'dossiers', 'fees', 'residence', 'accounts', 'sync'];
    case 'outbox-empty':
      return ['outbox', 'dossiers', 'residence', 'accounts', 'sync'];
    case 'dossiers-changed':
      return ['dossiers'];
    case 'residence-changed':
      return ['residence'];
    case 'accounts-changed':
      return ['accounts'];
    case 'users-changed':
      return ['users'];
    // An org's name, place or type shows in every list that names it.
    case 'orgs-changed':
      return SHOWN_IN.org;
    case 'update-ready':
      return ['updates'];
    case 'notifications-raised':
      return ['notifications'];
    // The batch's own dialog follows its progress; the lists change when it queues.
    case 'signing-progress':
    case 'sync-progress':
    case 'oidc-login-failed':
      return [];
  }
}
