import { useEffect, useState } from 'react';

/** `value` once it has stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * What to search for, given what is typed in a search box: Enter (`submit`) searches at once;
 * typing searches after a short pause. Trimmed; '' when there is nothing to search for.
 */
export function useSearchText(text: string): { q: string; submit: (value: string) => void } {
  const [submitted, setSubmitted] = useState(text);
  const typed = useDebounced(text, 300);
  return { q: (submitted === text ? submitted : typed).trim(), submit: setSubmitted };
}
