/** The matrix cases of the import of orgs and members (docs/decisions/0040). */
import { orgs } from '../fixture';
import { json, type RouteCase } from './model';

/** A CSV adding one cell under the org: the same file again changes nothing, and answers 200. */
const oneCellUnder = (orgId: string) => {
  const parent = orgs.find((o) => o.id === orgId)!.code;
  const csv = `Mã,Tên,Mã đơn vị cha,Loại\r\n2256199,Chi bộ nhập thử,${parent},Chi bộ cơ sở\r\n`;
  return { files: [{ name: 'to-chuc.csv', contentBase64: Buffer.from(csv).toString('base64') }] };
};

const importCase = (action: 'preview' | 'apply'): RouteCase => ({
  success: 'ok',
  in: (w) => json('POST', `/v1/imports/${action}?orgId=${w.ids.ward}`, oneCellUnder(w.ids.ward)),
  out: (w) =>
    json('POST', `/v1/imports/${action}?orgId=${w.ids.otherWard}`, oneCellUnder(w.ids.otherWard)),
});

export const IMPORT_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /v1/imports/preview': importCase('preview'),
  'POST /v1/imports/apply': importCase('apply'),
};
