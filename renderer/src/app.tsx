import { Result, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DesktopError, SessionUser } from '../../src/desktop/contract';
import {
  DesktopCallError,
  PRIMED_FOR_MS,
  useBridge,
  useDesktopEvents,
  useFetchDesktop,
} from './desktop-context';
import { AppLayout } from './screens/layout/app-layout';
import { LoginScreen } from './screens/login/login-screen';
import { watchIconNames } from './ui/icon-names';

export type Auth =
  | { state: 'loading' }
  | { state: 'broken'; error: DesktopError }
  | { state: 'out' }
  | { state: 'in'; user: SessionUser; offline: boolean };

/** Login or the app, following the session the host holds. */
export function App() {
  const bridge = useBridge();
  const fetchDesktop = useFetchDesktop();
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });

  /** At start-up, the answer primed by main.tsx; after a change of session, a fresh one. */
  const readSession = useCallback(
    (maxAgeMs: number) =>
      fetchDesktop('session', {}, maxAgeMs).then(
        ({ user, offline }) => setAuth(user ? { state: 'in', user, offline } : { state: 'out' }),
        (err: unknown) => {
          if (err instanceof DesktopCallError) setAuth({ state: 'broken', error: err.error });
          else throw err;
        },
      ),
    [fetchDesktop],
  );
  const loadSession = useCallback(() => readSession(0), [readSession]);

  useEffect(() => {
    void readSession(PRIMED_FOR_MS);
  }, [readSession]);
  // Screen readers hear Vietnamese names, not Ant Design's English icon names.
  useEffect(() => watchIconNames(document.body), []);
  useDesktopEvents((event) => {
    if (event.type === 'session-changed') void loadSession();
  });

  const loggedIn = useCallback(
    (user: SessionUser, offline: boolean) => {
      setAuth({ state: 'in', user, offline });
      // Fresh data right after an online login; the indicator shows the progress.
      if (!offline) void bridge.call('syncNow', {});
    },
    [bridge],
  );

  switch (auth.state) {
    case 'loading':
      return (
        <div className="login-page">
          <Spin size="large" />
        </div>
      );
    case 'broken':
      return (
        <Result
          status="warning"
          title={auth.error.messageVi}
          subTitle="Đóng cửa sổ này và khởi động lại ứng dụng."
        />
      );
    case 'out':
      return <LoginScreen onLoggedIn={loggedIn} />;
    case 'in':
      return (
        <AppLayout
          // Another user's session starts afresh, on his own start screen.
          key={auth.user.id}
          user={auth.user}
          offline={auth.offline}
          onSessionChange={() => void loadSession()}
        />
      );
  }
}
