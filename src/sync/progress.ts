import { z } from 'zod';
import {
  ACCOUNT_REQUEST_ENTITY,
  DOSSIER_ENTITY,
  HOLIDAY_YEAR_ENTITY,
  RESIDENCE_CAMPAIGN_ENTITY,
  RESIDENCE_ENTITIES,
  SyncEntity,
} from '../api/sync';

// Pure zod (no I/O): the desktop contract re-exports these, so the renderer may see them.

export const SyncPhase = z.enum(['starting', 'pulling', 'resync', 'finished']);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncProgress = z.object({
  phase: SyncPhase,
  /** Changes applied so far in this run. */
  pulled: z.number().int().nonnegative(),
  /** Pages applied so far in this run. */
  pages: z.number().int().nonnegative(),
  /** Total changes expected in this run, when the server tells. */
  estimatedTotal: z.number().int().nonnegative().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** A kind of entity a pull can bring: the renderer reads again the screens that show it. */
export const PulledEntity = z.enum([
  ...SyncEntity.options,
  DOSSIER_ENTITY,
  ...RESIDENCE_ENTITIES,
  ACCOUNT_REQUEST_ENTITY,
  HOLIDAY_YEAR_ENTITY,
  RESIDENCE_CAMPAIGN_ENTITY,
]);
export type PulledEntity = z.infer<typeof PulledEntity>;

export const SyncSummary = z.object({
  pulled: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** True when the server invalidated the cursor (or the user changed) and the cache was rebuilt. */
  rebuilt: z.boolean(),
  /** Dossier changes among the pulled ones: the transfer lists need a refresh when > 0. */
  dossiers: z.number().int().nonnegative(),
  /** The kinds of entity the pulled changes touched; when `rebuilt`, every kind may have changed. */
  entities: z.array(PulledEntity),
  /** Outbox entries the server applied in the push that preceded the pull. */
  pushed: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** ISO time the run finished: the cache's "last sync". */
  finishedAt: z.string(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;
