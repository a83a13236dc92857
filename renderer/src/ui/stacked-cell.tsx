import type { ReactNode } from 'react';

/**
 * A list cell with its main value on top and secondary data under it, smaller and grey (a user's
 * name over the user name, the phone over the email): one column instead of two, so the key
 * columns fit 1366 wide. Each line is cut with "…"; the whole is in `title` for the mouse.
 */
export function StackedCell({
  main,
  secondary,
  title,
}: {
  main: ReactNode;
  secondary?: ReactNode;
  title?: string;
}) {
  return (
    <div className="cell-stack" title={title}>
      <span>{main}</span>
      {secondary ? <span className="secondary">{secondary}</span> : null}
    </div>
  );
}
