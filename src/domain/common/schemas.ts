import { z } from 'zod';

/**
 * Ids are UUID-shaped strings; any version is accepted because deterministic test data makes its
 * own.
 */
export const Id = z.guid();

/** A calendar date 'YYYY-MM-DD' that exists (no 2023-02-29). */
export const IsoDate = z.iso.date();

/** Free text a person typed: trimmed, not blank, bounded. */
export const NonBlankText = (max: number) => z.string().trim().min(1).max(max);
