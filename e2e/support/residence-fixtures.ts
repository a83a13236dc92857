/**
 * The world of the residence-comment journey (Quy định 213): the transfer journeys' world (the
 * generated ward, a central server on a SQLite file, SoftHSM2 tokens, a loopback TSA) with three
 * members of a school cell whose residence is the demo's residential cell 1, one of them with a
 * member account. Test support only.
 */
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import { runDemoMember } from '../../scripts/demo-member';
import { openServerDb } from '../../src/db/server-db';
import { openTransferWorld, type TransferWorld } from './transfer-fixtures';

export interface ResidenceMember {
  id: string;
  fullName: string;
}

export interface ResidenceWorld extends TransferWorld {
  /** The workplace cell's secretary, who signs the list; the ward's, who signs the forms. */
  workplaceSecretary: string;
  residenceSecretary: string;
  wardSecretary: string;
  /** The three members on the list: the first has a member account (`memberUsername`). */
  members: ResidenceMember[];
  memberUsername: string;
}

/** Builds the world and points the three members' residence at residential cell 1. */
export async function openResidenceWorld(): Promise<ResidenceWorld> {
  const world = await openTransferWorld({ officers: ['thcs1', 'bithu.phuong'] });
  const workplace = world.orgs.get('thcs1')!;
  const residence = world.orgs.get('chibo1')!;
  const memberUsername = 'dangvien1.thcs1';
  const account = world.demo.members.find((m) => m.username === memberUsername);
  if (!account) throw new Error(`no demo member ${memberUsername}`);
  await world.server.stop();
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  let members: ResidenceMember[];
  try {
    const others = await db.db
      .selectFrom('members')
      .select(['id', 'full_name'])
      .where('home_org_id', '=', workplace.id)
      .where('status', '=', 'active')
      .where('deleted', '=', 0)
      .where('id', '!=', account.memberId)
      .orderBy('sort_key')
      .limit(2)
      .execute();
    const own = await db.db
      .selectFrom('members')
      .select(['id', 'full_name'])
      .where('id', '=', account.memberId)
      .executeTakeFirstOrThrow();
    members = [own, ...others].map((m) => ({ id: m.id, fullName: m.full_name }));
    if (members.length !== 3) throw new Error(`${workplace.name} has fewer than 3 members`);
    await db.db
      .updateTable('members')
      .set({ residence_org_id: residence.id })
      .where(
        'id',
        'in',
        members.map((m) => m.id),
      )
      .execute();
  } finally {
    await db.close();
  }
  await world.server.start();
  return {
    ...world,
    workplaceSecretary: world.approvers.get('thcs1')!,
    residenceSecretary: world.approvers.get('chibo1')!,
    wardSecretary: 'bithu.phuong',
    members,
    memberUsername,
  };
}

/** The member side, as `npm run demo:member` runs it (the member app's calls). */
async function asMember(world: ResidenceWorld, command: string, extra: string[] = []) {
  const args = [command, '--server', world.server.url];
  args.push('--username', world.memberUsername, '--password', DEMO_PASSWORD, ...extra);
  return runDemoMember(args);
}

/** `npm run demo:member -- residence-forms`: the member's forms and their state. */
export async function memberForms(
  world: ResidenceWorld,
): Promise<{ id: string; status: string; reportRequired: boolean }[]> {
  return (await asMember(world, 'residence-forms')) as {
    id: string;
    status: string;
    reportRequired: boolean;
  }[];
}

/** `npm run demo:member -- residence-report`: his report on his duties, with its file. */
export async function reportAsMember(
  world: ResidenceWorld,
  formId: string,
  file: string,
): Promise<{ id: string; status?: string; report?: { file: string } | null }> {
  return (await asMember(world, 'residence-report', [
    '--id',
    formId,
    '--summary',
    'Tham gia sinh hoạt tổ dân phố đầy đủ, đóng góp các quỹ của khu dân cư.',
    '--attach',
    file,
  ])) as { id: string; status?: string; report?: { file: string } | null };
}

/** What the central server holds: the list's and the forms' signed PDFs (read-only). */
export async function signedOnServer(
  world: ResidenceWorld,
): Promise<{ listPdf: string | null; formPdfs: Map<string, string> }> {
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  try {
    const ids = world.members.map((m) => m.id);
    const forms = await db.db
      .selectFrom('residence_forms')
      .select(['member_id', 'data'])
      .where('member_id', 'in', ids)
      .execute();
    const lists = await db.db
      .selectFrom('residence_requests')
      .select(['data'])
      .where('workplace_org_id', '=', world.orgs.get('thcs1')!.id)
      .execute();
    const listPdf =
      lists
        .map((l) => (JSON.parse(l.data) as { listPdfSha256: string | null }).listPdfSha256)
        .find((sha) => sha !== null) ?? null;
    const formPdfs = new Map<string, string>();
    for (const f of forms) {
      const sha = (JSON.parse(f.data) as { formPdfSha256: string | null }).formPdfSha256;
      if (sha) formPdfs.set(f.member_id, sha);
    }
    return { listPdf, formPdfs };
  } finally {
    await db.close();
  }
}
