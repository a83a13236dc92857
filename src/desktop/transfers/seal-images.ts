import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSealPng } from '../../signing/pdf/demo-seal';
import type { DesktopSigningOptions } from '../service-context';

/**
 * The seal image an org signs with: its registered PNG (`<id>.png`, else `<code>.png` in the seal
 * directory), the stand-in seal when demo seals are on, or none. Orgs without a seal (`hasSeal`
 * false, e.g. cells) never get one.
 */
export function sealImageFor(
  signing: DesktopSigningOptions,
  org: { id: string; code: string; hasSeal: boolean },
): Buffer | undefined {
  if (!org.hasSeal) return undefined;
  if (signing.sealDir) {
    for (const name of [org.id, org.code]) {
      // Ids and codes are ours, but a name with a path separator must never leave the folder.
      if (!/^[\w.-]+$/.test(name)) continue;
      const file = join(signing.sealDir, `${name}.png`);
      if (existsSync(file)) return readFileSync(file);
    }
  }
  if (signing.demoSeals) return demoSealPng();
  console.warn(`org ${org.id} has a seal but no seal image is registered: signing without it`);
  return undefined;
}
