import type { ThemeConfig } from 'antd';

/** The red of the Party's portals, with enough contrast for white text. */
export const PARTY_RED = '#b3141b';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#1f5fbf',
    borderRadius: 4,
    fontFamily:
      "'Segoe UI', 'Noto Sans', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: PARTY_RED, headerHeight: 56, headerPadding: '0 16px', siderBg: '#fff' },
    Table: { headerBg: '#f3f4f6', cellPaddingBlockSM: 6 },
  },
};
