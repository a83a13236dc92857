import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date picked as the screens show dates (DD/MM/YYYY) and kept as the record's ISO date. */
export function IsoDateInput({
  id,
  value,
  onChange,
}: {
  /** From Form.Item, so its label names the picker. */
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  return (
    <DatePicker
      id={id}
      format="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
      style={{ width: '100%' }}
    />
  );
}
