import { Select } from 'antd';
import { useState } from 'react';
import { useDesktopQuery } from '../../desktop-context';
import { useDebounced } from '../../ui/use-search-text';

export interface CellChoiceValue {
  id: string;
  name: string;
}

/**
 * A cell picked by typing two or more letters of its name, from the server (a member's cache, and
 * a machine before sign-in, hold no org tree to search); the orgs above it tell same-named cells
 * apart. The cell already chosen stays shown by its name.
 */
export function CellChoiceSelect({
  id,
  value,
  onChange,
  ariaLabel,
  placeholder = 'Nhập tên chi bộ (ít nhất 2 ký tự)',
}: {
  /** From Form.Item, so its label names the picker. */
  id?: string;
  value?: CellChoiceValue | null;
  onChange?: (cell: CellChoiceValue | null) => void;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const found = useDesktopQuery('cellChoices', q.length < 2 ? null : { q });
  const hits = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    name: c.name,
    label: c.parents.length > 0 ? `${c.name} — ${c.parents.at(-1)}` : c.name,
  }));
  const options = [
    ...(value && !hits.some((o) => o.value === value.id)
      ? [{ value: value.id, name: value.name, label: value.name }]
      : []),
    ...hits,
  ];
  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      allowClear
      placeholder={placeholder}
      value={value?.id}
      options={options}
      notFoundContent={
        found.error
          ? found.error.messageVi
          : q.length >= 2 && found.settled
            ? 'Không tìm thấy chi bộ phù hợp'
            : null
      }
      onChange={(cellId?: string) => {
        const cell = options.find((o) => o.value === cellId);
        setTyped('');
        onChange?.(cell ? { id: cell.value, name: cell.name } : null);
      }}
      style={{ width: '100%', maxWidth: 480 }}
    />
  );
}
