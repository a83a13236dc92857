import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * The base URL the gateway is told to call back: FEES_PUBLIC_URL, or (demo and tests, where
 * feesConfigFromEnv allows no public URL) the address this server listens on. Never the
 * request's Host header: a caller could otherwise send the gateway's result anywhere.
 */
export function callbackBase(publicUrl: string | null, app: FastifyInstance): string {
  if (publicUrl) return publicUrl;
  const address = app.server.address() as AddressInfo | string | null;
  // Not listening (light-my-request tests): the loopback default.
  if (!address || typeof address === 'string') return 'http://127.0.0.1';
  const host = WILDCARDS.has(address.address) ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
