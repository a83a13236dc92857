/**
 * PKCS#11 libraries installed by the Vietnamese CA vendors' token drivers, as data: the operator
 * can always give a path instead. Names are the usual install names; we only probe for them.
 */
import { existsSync } from 'node:fs';
import { win32 } from 'node:path';

export interface KnownModule {
  vendor: string;
  /** File names searched in the Windows system folders. */
  windows: string[];
  /** Absolute paths on Linux. */
  linux: string[];
}

export const KNOWN_MODULES: readonly KnownModule[] = [
  {
    vendor: 'VNPT-CA',
    windows: ['vnpt-ca_v34.dll', 'vnpt-ca_csp11.dll', 'VNPT-CA_CSP11.dll'],
    linux: ['/usr/lib/libvnpt-ca_v34.so'],
  },
  {
    vendor: 'Viettel-CA',
    windows: ['viettel-ca_v6.dll', 'viettel-ca_v5.dll', 'viettel-ca.dll'],
    linux: ['/usr/lib/libviettel-ca_v6.so'],
  },
  {
    vendor: 'BKAV-CA',
    windows: ['BkavCA.dll', 'BkavCAv2S.dll', 'bkavca_csp11.dll'],
    linux: ['/usr/lib/libbkavca.so'],
  },
  {
    vendor: 'FPT-CA',
    windows: ['fpt-ca.dll', 'fptca_csp11.dll', 'ShuttleCsp11_3003.dll'],
    linux: [],
  },
  {
    vendor: 'VGCA / Bit4id',
    windows: ['bit4ipki.dll', 'bit4xpki.dll', 'vgca_csp11.dll'],
    linux: ['/usr/lib/libbit4xpki.so', '/usr/lib/bit4id/libbit4xpki.so'],
  },
  {
    vendor: 'SafeNet / Thales',
    windows: ['eTPKCS11.dll', 'eToken.dll'],
    linux: ['/usr/lib/libeTPkcs11.so'],
  },
  {
    vendor: 'Feitian ePass',
    windows: ['ShuttleCsp11_3003.dll', 'ngp11v211.dll', 'eps2003csp11.dll'],
    linux: ['/usr/lib/libcastle.so.1.0.0'],
  },
  {
    vendor: 'Gemalto / IDPrime',
    windows: ['IDPrimePKCS11.dll', 'gclib.dll'],
    linux: ['/usr/lib/libIDPrimePKCS11.so'],
  },
  { vendor: 'Nexus CA', windows: ['nca_v6.dll'], linux: [] },
  {
    vendor: 'OpenSC',
    windows: ['opensc-pkcs11.dll'],
    linux: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so'],
  },
];

/** Installed modules found on this machine, in the list's order. */
export function findInstalledModules(
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
  env: NodeJS.ProcessEnv = process.env,
): { vendor: string; path: string }[] {
  const found: { vendor: string; path: string }[] = [];
  const winDirs =
    platform === 'win32'
      ? [
          win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32'),
          win32.join(env.SystemRoot ?? 'C:\\Windows', 'SysWOW64'),
        ]
      : [];
  for (const m of KNOWN_MODULES) {
    const candidates =
      platform === 'win32'
        ? m.windows.flatMap((n) => winDirs.map((d) => win32.join(d, n)))
        : m.linux;
    for (const path of candidates) if (exists(path)) found.push({ vendor: m.vendor, path });
  }
  return found;
}
