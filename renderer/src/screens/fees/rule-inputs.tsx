import { InputNumber } from 'antd';
import type { CategoryRule } from '../../../../src/domain/fees/rules';

/** A percentage input over basis points (1% = 100); a Form.Item control. */
export function PercentInput({
  value = 0,
  onChange,
  testId,
}: {
  value?: number;
  onChange?: (bp: number) => void;
  testId?: string;
}) {
  return (
    <InputNumber<number>
      data-testid={testId}
      value={value / 100}
      max={100}
      step={0.1}
      precision={2}
      decimalSeparator=","
      suffix="%"
      style={{ width: 120 }}
      onChange={(v) => onChange?.(Math.round((v ?? 0) * 100))}
    />
  );
}

/** An amount in whole đồng; a Form.Item control. */
export function MoneyInput({
  value = 0,
  onChange,
  testId,
}: {
  value?: number;
  onChange?: (amount: number) => void;
  testId?: string;
}) {
  return (
    <InputNumber<number>
      data-testid={testId}
      value={value}
      precision={0}
      step={1000}
      suffix="đ"
      style={{ width: 150 }}
      formatter={(v) => (v === undefined ? '' : Number(v).toLocaleString('vi-VN'))}
      // Keeps a minus sign: a negative amount is refused with a message, not silently flipped.
      parser={(text) => Number((text ?? '').replace(/[^\d-]/g, '') || 0)}
      onChange={(v) => onChange?.(v ?? 0)}
    />
  );
}

/** A category's rule, edited in its own kind (rate, fixed amount, range); a Form.Item control. */
export function CategoryRuleInput({
  value,
  onChange,
  testIdSuffix,
}: {
  value?: CategoryRule;
  onChange?: (rule: CategoryRule) => void;
  testIdSuffix: string;
}) {
  if (!value) return null;
  const rule = value;
  switch (rule.kind) {
    case 'rate':
      return (
        <PercentInput
          testId={`rule-rate-${testIdSuffix}`}
          value={rule.basisPoints}
          onChange={(basisPoints) => onChange?.({ kind: 'rate', basisPoints })}
        />
      );
    case 'fixed':
      return (
        <MoneyInput
          testId={`rule-amount-${testIdSuffix}`}
          value={rule.amount}
          onChange={(amount) => onChange?.({ kind: 'fixed', amount })}
        />
      );
    case 'range':
      return (
        <span>
          từ <MoneyInput value={rule.min} onChange={(min) => onChange?.({ ...rule, min })} /> đến{' '}
          <MoneyInput value={rule.max} onChange={(max) => onChange?.({ ...rule, max })} />
        </span>
      );
  }
}
