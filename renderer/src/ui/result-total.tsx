import { Alert, Typography } from 'antd';
import { formatCount } from '../format';

/**
 * "Tổng số: 12 hồ sơ" above a list. A list cut at its limit says "trên 200": the count shown is
 * not the total, and "Tổng số: 200" would be a lie. `settled` (when given) lets tests wait for the
 * answer to the current filters.
 */
export function ResultTotal({
  count,
  noun,
  capped = false,
  settled,
  testId,
}: {
  count: number;
  /** What is counted: "kết quả", "hồ sơ", "đảng viên". */
  noun: string;
  /** The list stopped at its limit: there are more. */
  capped?: boolean;
  settled?: boolean;
  testId: string;
}) {
  return (
    <Typography.Text
      data-testid={testId}
      data-capped={String(capped)}
      {...(settled === undefined ? {} : { 'data-settled': String(settled) })}
    >
      {resultTotalText(count, noun, capped)}
    </Typography.Text>
  );
}

export const resultTotalText = (count: number, noun: string, capped: boolean): string =>
  `Tổng số: ${capped ? 'trên ' : ''}${formatCount(count)} ${noun}`;

/** Under a capped list: what was shown and how to narrow it. Nothing when the list is whole. */
export function CappedNotice({ capped, text }: { capped: boolean | undefined; text: string }) {
  if (!capped) return null;
  return <Alert type="info" showIcon style={{ marginBottom: 12 }} title={text} />;
}
