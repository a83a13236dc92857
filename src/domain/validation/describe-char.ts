/**
 * "'A' at position 5": where a validator found the first offending character (1-based, as users
 * count).
 */
export function describeFirstMatch(input: string, pattern: RegExp): string {
  const chars = [...input];
  const index = chars.findIndex((c) => pattern.test(c));
  return index < 0 ? '' : `${JSON.stringify(chars[index])} at position ${index + 1}`;
}
