/** The first row of each org, in list order: the row that carries "Thêm tài khoản". */
export function firstRowOfEachOrg<Row extends { orgId: string }>(rows: readonly Row[]): Set<Row> {
  const seen = new Set<string>();
  const first = new Set<Row>();
  for (const row of rows) {
    if (seen.has(row.orgId)) continue;
    seen.add(row.orgId);
    first.add(row);
  }
  return first;
}
