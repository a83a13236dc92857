import type { ThemeConfig } from 'antd';

/** The red of the Party's portals, with enough contrast for white text. */
export const PARTY_RED = '#b3141b';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#1f5fbf',
    borderRadius: 4,
    // Antd's greys for hints, placeholders and menu group titles fall below WCAG AA's 4.5:1 on
    // white (axe-core, issue 17): darker ones, still lighter than the text itself.
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    fontFamily:
      "'Segoe UI', 'Noto Sans', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: PARTY_RED, headerHeight: 56, headerPadding: '0 16px', siderBg: '#fff' },
    Table: { headerBg: '#f3f4f6', cellPaddingBlockSM: 6 },
  },
};
