import { useEffect, useState } from 'react';

/**
 * The window height minus `chrome` (header, filters, result bar), at least `min`: virtual
 * tables and trees need a number of pixels, not a CSS length.
 */
export function useViewportHeight(chrome: number, min = 240): number {
  const measure = () => Math.max(min, window.innerHeight - chrome);
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const onResize = () => setHeight(Math.max(min, window.innerHeight - chrome));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [chrome, min]);
  return height;
}
