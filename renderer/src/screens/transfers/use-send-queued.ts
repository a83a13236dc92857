import { App } from 'antd';
import { useCallback } from 'react';
import { useBridge } from '../../desktop-context';

export const SAVED_OFFLINE = 'Đã lưu, sẽ gửi khi có kết nối';
export const SENT = 'Đã gửi';

/** What the user was told about a queued action. */
export interface SendOutcome {
  kind: 'sent' | 'saved' | 'refused';
  text: string;
}

/**
 * After an action is queued in the outbox: when the server is reachable, push now and tell the
 * user how it went ("Đã gửi", or the server's refusal); otherwise it waits for the connection.
 * Resolves with what the user was told.
 */
export function useSendQueued(): (outboxId: string) => Promise<SendOutcome> {
  const bridge = useBridge();
  const { message } = App.useApp();
  return useCallback(
    async (outboxId: string) => {
      const key = `outbox-${outboxId}`;
      const status = await bridge.call('syncStatus', {});
      const tell = (kind: SendOutcome['kind'], text: string): SendOutcome => {
        if (kind === 'sent') message.success({ key, content: text });
        else if (kind === 'saved') message.info({ key, content: text });
        else message.error({ key, content: text, duration: 8 });
        return { kind, text };
      };
      if (status.ok && status.value.online === false) return tell('saved', SAVED_OFFLINE);
      message.loading({ key, content: 'Đang gửi lên máy chủ…', duration: 0 });
      await bridge.call('pushNow', {});
      // Whatever pushNow answered, the outbox says what happened to this entry.
      const outbox = await bridge.call('listOutbox', {});
      const entry = outbox.ok ? outbox.value.items.find((e) => e.id === outboxId) : undefined;
      if (outbox.ok && !entry) return tell('sent', SENT);
      if (entry?.status === 'needs_attention')
        return tell('refused', entry.message ?? 'Máy chủ không chấp nhận thao tác này.');
      return tell('saved', SAVED_OFFLINE);
    },
    [bridge, message],
  );
}
