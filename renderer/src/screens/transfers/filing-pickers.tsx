import { Select } from 'antd';
import { useState } from 'react';
import { useDesktopQuery } from '../../desktop-context';
import { useDebounced } from '../../ui/use-search-text';

/** An org or a member as a picker holds it: its id and the words shown for it. */
export interface Choice {
  id: string;
  name: string;
}

function SearchSelect({
  id,
  value,
  onChange,
  placeholder,
  notFoundVi,
  hits,
  settled,
  onSearch,
}: {
  id?: string | undefined;
  value?: Choice | null | undefined;
  onChange?: ((choice: Choice | null) => void) | undefined;
  placeholder: string;
  notFoundVi: string;
  hits: Choice[];
  settled: boolean;
  onSearch: (typed: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const options = [...(value && !hits.some((o) => o.id === value.id) ? [value] : []), ...hits].map(
    (o) => ({ value: o.id, label: o.name }),
  );
  return (
    <Select<string>
      id={id}
      showSearch={{
        filterOption: false,
        searchValue: typed,
        onSearch: (text) => {
          setTyped(text);
          onSearch(text);
        },
      }}
      allowClear
      placeholder={placeholder}
      value={value?.id}
      options={options}
      notFoundContent={typed.trim() !== '' && settled ? notFoundVi : null}
      onChange={(picked?: string) => {
        const option = options.find((o) => o.value === picked);
        setTyped('');
        onChange?.(option ? { id: option.value, name: option.label } : null);
      }}
      style={{ width: '100%' }}
    />
  );
}

/**
 * "Nơi chuyển đến": a cell anywhere in the tree, asked of the server (the cache holds only the
 * user's branch), named with the org above it since many cells share a name.
 */
export function DestinationSelect(props: {
  id?: string;
  value?: Choice | null;
  onChange?: (choice: Choice | null) => void;
}) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const found = useDesktopQuery('transferDestinations', q === '' ? null : { q });
  const hits = (found.data?.items ?? []).map((o) => ({
    id: o.id,
    name: o.parentName ? `${o.name} — ${o.parentName}` : o.name,
  }));
  return (
    <SearchSelect
      {...props}
      placeholder="Nhập tên hoặc mã chi bộ nơi chuyển đến"
      notFoundVi="Không tìm thấy chi bộ phù hợp"
      hits={hits}
      settled={found.settled}
      onSearch={setTyped}
    />
  );
}

/** "Đảng viên" the staff file for: by name or citizen id, among the members the cache holds. */
export function MemberSelect(props: {
  id?: string;
  value?: Choice | null;
  onChange?: (choice: Choice | null) => void;
}) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const found = useDesktopQuery('searchMembers', q === '' ? null : { q, limit: 50 });
  const hits = (found.data?.items ?? []).map((m) => ({
    id: m.id,
    name: `${m.fullName} — ${m.homeOrg.name}`,
  }));
  return (
    <SearchSelect
      {...props}
      placeholder="Nhập họ tên hoặc số CCCD của đảng viên"
      notFoundVi="Không tìm thấy đảng viên phù hợp"
      hits={hits}
      settled={found.settled}
      onSearch={setTyped}
    />
  );
}
