import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { connectBridge } from './bridge';
import { guardHistoryAtLoad } from './screen-history';
import { createDesktopQueryClient, DesktopProvider, primeQuery } from './desktop-context';
import './styles.css';
import { theme } from './theme';

dayjs.locale('vi');
// After connectBridge, which takes the launch code out of the address (and resets the entry).
const bridge = connectBridge();
guardHistoryAtLoad();
const queryClient = createDesktopQueryClient();
// What the first screen needs, asked while React and Ant Design load.
primeQuery(bridge, queryClient, 'session', {});
primeQuery(bridge, queryClient, 'syncStatus', {});
primeQuery(bridge, queryClient, 'orgChildren', { orgId: null });

// Named app events on window, for end-to-end tests and devtools (DESIGN.md, Testing): the same
// in the browser host and in Electron.
bridge.subscribe((event) =>
  window.dispatchEvent(new CustomEvent('desktop-event', { detail: event })),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <DesktopProvider bridge={bridge} queryClient={queryClient}>
          <App />
        </DesktopProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
