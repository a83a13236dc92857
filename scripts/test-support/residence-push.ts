/**
 * Server-side helpers of the residence push tests under src/ (which may not import server/): the
 * ward's secretary account, lists and forms as stored, and the unsigned documents the server
 * rebuilds to check a signature.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords';
import {
  expectedResidenceForm,
  expectedResidenceList,
} from '../../server/repositories/expected-residence';
import { findForm, findRequest, formsOfRequest } from '../../server/repositories/residence';
import { insertUser } from '../../server/repositories/users';
import { ids, PASSWORD, TEST_SCRYPT } from '../../server/test-support/fixture';
import type { TransferTestServer } from '../../server/test-support/transfers';
import { User } from '../../src/domain/people/user';

/** Approves, signs and sends the forms of the fixture ward's residence cells. */
export const WARD_SECRETARY = 'bithu.viethung';

export async function addWardSecretary(t: TransferTestServer): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await t.server.db.transaction().execute((trx) =>
    insertUser(
      trx,
      {
        user: User.parse({
          id: randomUUID(),
          username: WARD_SECRETARY,
          fullName: 'Phan Văn Thắng',
          citizenId: '001080000901',
          phone: '0912345678',
          email: null,
          position: 'Bí thư Đảng ủy',
          orgId: ids.ward,
          status: 'active',
          roles: [{ role: 'approver', orgId: ids.ward }],
        }),
        passwordHash,
      },
      t.clock.now,
    ),
  );
}

export const storedList = (t: TransferTestServer, id: string) => findRequest(t.server.db, id);
export const storedForm = (t: TransferTestServer, id: string) => findForm(t.server.db, id);
export const formsOfList = (t: TransferTestServer, id: string) => formsOfRequest(t.server.db, id);

/** The unsigned list as the server rebuilds it for a signature made at `at`. */
export async function unsignedList(t: TransferTestServer, id: string, at: Date): Promise<Buffer> {
  return expectedResidenceList(t.server.db, (await findRequest(t.server.db, id))!.value, at);
}

/** The unsigned form as the server rebuilds it for a signature made at `at`. */
export async function unsignedForm(t: TransferTestServer, id: string, at: Date): Promise<Buffer> {
  return (await expectedResidenceForm(t.server.db, (await findForm(t.server.db, id))!.value, at))!;
}
