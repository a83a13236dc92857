/**
 * The server's role groups (src/api/access.ts), for the renderer's menus: it may import only the
 * contract, and the menus must offer what the server lets each role do.
 */
export { ACCOUNT_ROLES, CELL_FEE_ROLES, FEE_STAFF_ROLES, STAFF_ROLES } from '../api/access';
