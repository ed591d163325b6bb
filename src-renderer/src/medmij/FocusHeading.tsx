import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A section heading that takes focus when it appears (or when `focusKey` changes), so keyboard and
 * screen-reader users land on the new step instead of on a button that disappeared.
 */
export function FocusHeading({
  level = 2,
  children,
  focusKey,
  id,
}: {
  level?: 2 | 3;
  children: ReactNode;
  focusKey?: string | number;
  id?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag ref={ref} tabIndex={-1} id={id} className="medmij-focus-heading">
      {children}
    </Tag>
  );
}
