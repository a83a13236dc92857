import type { ThemeConfig } from 'antd';

/** The red of the Party's portals, with enough contrast for white text. */
export const PARTY_RED = '#b3141b';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: '#1f5fbf',
    // Hovering darkens a link instead of lightening it below 4.5:1.
    colorLinkHover: '#174a94',
    colorLinkActive: '#123a75',
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
    // The empty list's text ("Không có dữ liệu") is antd's disabled grey: darker, to be read.
    Table: { headerBg: '#f3f4f6', cellPaddingBlockSM: 6, colorTextDisabled: 'rgba(0, 0, 0, 0.55)' },
    // Tags write in the palette's 7th shade (preset colours) or the status colour on a pale
    // background: for gold, orange, green and the warning status that is under 4.5:1. Darker
    // text in tags only; the rest of the app keeps its colours.
    Tag: {
      gold7: '#874d00',
      yellow7: '#7c6e00',
      orange7: '#873800',
      volcano7: '#871400',
      lime7: '#3f6600',
      green7: '#135200',
      cyan7: '#00474f',
      colorWarning: '#874d00',
      colorSuccess: '#135200',
      colorInfo: '#003eb3',
      colorError: '#a8071a',
    },
  },
};
