import { configure, render, type RenderResult } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import type { ReactNode } from 'react';
import { createDesktopQueryClient, DesktopProvider } from '../desktop-context';
import type { FakeDesktopBridge } from './fake-desktop-bridge';

// waitFor/findBy wait for what the user sees; a busy CI machine renders Ant Design in jsdom far
// slower than the 1 s default (a form's messages came after it), so the deadline is generous.
configure({ asyncUtilTimeout: 30_000 });

const jsdomComputedStyle = window.getComputedStyle.bind(window);

/** What jsdom lacks and Ant Design asks for (responsive observers, scroll bars, pseudo styles). */
function polyfillBrowser(): void {
  // jsdom has no pseudo-elements: antd measuring a scroll bar's would only log noise.
  window.getComputedStyle = (element: Element) => jsdomComputedStyle(element);
  Element.prototype.scrollIntoView ??= () => undefined;
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/**
 * Renders a screen as main.tsx does (Vietnamese locale, one query cache) over a fake bridge;
 * `rerender` keeps the same providers and cache.
 */
export function renderWithDesktop(ui: ReactNode, bridge: FakeDesktopBridge): RenderResult {
  polyfillBrowser();
  const queryClient = createDesktopQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ConfigProvider locale={viVN}>
      <AntApp>
        <DesktopProvider bridge={bridge} queryClient={queryClient}>
          {children}
        </DesktopProvider>
      </AntApp>
    </ConfigProvider>
  );
  return render(ui, { wrapper });
}
