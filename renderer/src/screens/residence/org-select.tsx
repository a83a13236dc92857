import { Select } from 'antd';
import { useState } from 'react';
import { useDesktopQuery } from '../../desktop-context';
import { useDebounced } from '../../ui/use-search-text';

export interface OrgChoice {
  id: string;
  name: string;
}

/**
 * An org picked by typing part of its name (folded like every name filter: "dan pho so 1" finds
 * "Chi bộ Tổ dân phố số 1"); the org already chosen stays shown by its name.
 */
export function OrgSelect({
  id,
  value,
  onChange,
  ariaLabel,
  placeholder = 'Nhập tên tổ chức đảng',
  width = 320,
  size,
}: {
  /** From Form.Item, so its label names the picker. */
  id?: string;
  value?: OrgChoice | null;
  onChange?: (org: OrgChoice | null) => void;
  ariaLabel?: string;
  placeholder?: string;
  width?: number | string;
  size?: 'small' | 'middle';
}) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const found = useDesktopQuery('searchOrgs', q === '' ? null : { q, limit: 50 });
  const hits = found.data?.items ?? [];
  const options = [...(value && !hits.some((o) => o.id === value.id) ? [value] : []), ...hits].map(
    (o) => ({ value: o.id, label: o.name }),
  );
  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      size={size}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      allowClear
      placeholder={placeholder}
      value={value?.id}
      options={options}
      notFoundContent={q !== '' && found.settled ? 'Không tìm thấy tổ chức đảng phù hợp' : null}
      onChange={(orgId?: string) => {
        const org = options.find((o) => o.value === orgId);
        setTyped('');
        onChange?.(org ? { id: org.value, name: org.label } : null);
      }}
      style={{ width }}
      popupMatchSelectWidth={420}
    />
  );
}
