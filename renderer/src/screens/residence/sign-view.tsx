import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { SigningBatchResult } from '../../../../src/desktop/contract-residence';
import { useSendQueued } from '../transfers/use-send-queued';
import { FormDetailView } from './form-detail';
import { FormsTable, useSideForms } from './forms-table';
import { BatchResult, BatchSigning, SIGN_AND_SEND_VI } from './signing-batch';

/**
 * "Gửi phiếu nhận xét": the approved forms; check those to send, "Ký số và gửi" signs them all
 * with one PIN, then the result says which were signed and queued and which were not.
 */
export function SignView() {
  const sendQueued = useSendQueued();
  const { message } = App.useApp();
  const { forms, rows } = useSideForms('committee', ['approved']);
  const [selected, setSelected] = useState<string[]>([]);
  const [signing, setSigning] = useState<string[]>();
  const [result, setResult] = useState<SigningBatchResult>();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [open, setOpen] = useState<string>();

  if (open) return <FormDetailView formId={open} onBack={() => setOpen(undefined)} />;

  function start(ids: string[]) {
    // The names stay for the result, whatever the list reads meanwhile.
    setNames(new Map(rows.map((f) => [f.id, f.member.fullName])));
    setResult(undefined);
    setSigning(ids);
  }

  return (
    <>
      {result && (
        <BatchResult
          result={result}
          nameOf={(id) => names.get(id) ?? id}
          onClose={() => setResult(undefined)}
        />
      )}
      <FormsTable
        caption="Phiếu nhận xét đã duyệt, chờ ký số và gửi"
        rows={rows}
        query={forms}
        selected={selected}
        onSelect={setSelected}
        onOpen={(f) => setOpen(f.id)}
        emptyText="Không có phiếu nhận xét nào chờ ký số và gửi"
        toolbar={
          <Space style={{ marginBottom: 8 }}>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              disabled={selected.length === 0}
              onClick={() => start(selected)}
            >
              {SIGN_AND_SEND_VI}
            </Button>
          </Space>
        }
      />
      <BatchSigning
        open={signing !== undefined}
        formIds={signing ?? []}
        onClose={() => setSigning(undefined)}
        onResult={(r) => {
          setSigning(undefined);
          setSelected([]);
          setResult(r);
          // Queued: push now when the server is reachable; offline they wait in the outbox.
          const last = r.signed.at(-1);
          if (last) void sendQueued(last.outboxId);
          else message.warning('Không có phiếu nào được ký.');
        }}
      />
    </>
  );
}
