import { Tag, type TagProps } from 'antd';

/**
 * Tag colours dark enough on their light background for WCAG AA (4.5:1): antd's preset tags
 * ("green", "gold") are lighter and axe-core flags every one of them.
 */
const TONES = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
} as const;
export type Tone = keyof typeof TONES;

/** A Tag in one of the readable tones; without a tone, antd's neutral one. */
export function ToneTag({ tone, style, ...props }: TagProps & { tone?: Tone }) {
  return <Tag {...props} style={{ ...(tone ? TONES[tone] : {}), ...style }} />;
}
