import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The main heading of a screen. It receives focus when it appears (or when `focusKey` changes),
 * so keyboard and screen-reader users start reading at the top of the new screen.
 */
export function ScreenHeading({ children, focusKey }: { children: ReactNode; focusKey?: string | number }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    document.title = text ? `${text} – Regie` : 'Regie';
  });
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
