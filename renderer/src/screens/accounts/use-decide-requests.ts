import { App } from 'antd';
import { useState } from 'react';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { useSendQueued } from '../transfers/use-send-queued';

/** A request the machine did not let the user decide, with why. */
export interface NotDecided {
  id: string;
  messageVi: string;
}

/**
 * "Duyệt" / "Từ chối" one or many requests: each is queued on its own (and sent when online);
 * those refused (decided meanwhile, his own) are listed with the reason, the rest go ahead.
 */
export function useDecideRequests() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const action = useDesktopAction();
  const [notDecided, setNotDecided] = useState<NotDecided[]>([]);

  /** Resolves once queued; throws a DesktopCallError only for a call refused as a whole. */
  async function queue(ids: string[], decision: 'approve' | 'refuse', reason?: string) {
    const { items } = await callDesktop(bridge, 'decideAccountRequests', {
      ids,
      decision,
      ...(reason !== undefined ? { reason } : {}),
    });
    const queued = items.filter((i) => i.outboxId !== null);
    setNotDecided(
      items.flatMap((i) =>
        i.outboxId === null ? [{ id: i.id, messageVi: i.messageVi ?? '' }] : [],
      ),
    );
    if (queued.length > 0)
      message.success(
        `${decision === 'approve' ? 'Đã duyệt' : 'Đã từ chối'} ${queued.length} yêu cầu.`,
      );
    const last = queued.at(-1)?.outboxId;
    if (last) void sendQueued(last);
    return queued.map((i) => i.id);
  }

  return {
    ...action,
    notDecided,
    clearNotDecided: () => setNotDecided([]),
    queue,
    /** Approves at once (no dialog): `then` gets the ids queued. */
    approve: (ids: string[], then?: (queued: string[]) => void) =>
      action.run(async () => {
        const queued = await queue(ids, 'approve');
        then?.(queued);
      }),
  };
}
