import { Button } from 'antd';
import { Fragment } from 'react';
import type { OrgRef } from '../../../../src/desktop/contract';

/** "Cơ quan cấp trên: A / B / C", each name leading back to its own children. */
export function OrgBreadcrumb({
  chain,
  onOpen,
}: {
  chain: OrgRef[];
  onOpen: (org: OrgRef) => void;
}) {
  if (chain.length === 0) return null;
  return (
    <span className="crumbs" data-testid="org-breadcrumb">
      <span>Cơ quan cấp trên:</span>
      {chain.map((org, i) => (
        <Fragment key={org.id}>
          {i > 0 && <span className="sep">/</span>}
          {i === chain.length - 1 ? (
            <strong className="wrap-anywhere">{org.name}</strong>
          ) : (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
              onClick={() => onOpen(org)}
            >
              {org.name}
            </Button>
          )}
        </Fragment>
      ))}
    </span>
  );
}
