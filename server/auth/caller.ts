import type { UserDetail } from '../../src/api/users';
import type { Scope } from '../scope/scope';

/** The authenticated user of a request and what they may see. */
export interface Caller {
  user: UserDetail;
  scope: Scope;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on routes that need a caller. */
    caller: Caller | null;
  }
}
