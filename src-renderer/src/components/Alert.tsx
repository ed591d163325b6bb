/**
 * Live regions. They are always rendered (also when empty) so assistive technology
 * notices when text appears in them.
 */
export function ErrorAlert({ message, id }: { message: string | null; id?: string }) {
  return (
    <div role="alert" id={id} className={message ? 'alert alert-error' : 'alert alert-empty'}>
      {message}
    </div>
  );
}

export function StatusMessage({ message, tone = 'info' }: { message: string | null; tone?: 'info' | 'success' }) {
  return (
    <div role="status" className={message ? `alert alert-${tone}` : 'alert alert-empty'}>
      {message}
    </div>
  );
}
