/** Types of relay-browser.mjs (a plain script, so that it can be $BROWSER for the CLI). */
export interface BrowserStep {
  host?: string;
  path?: string;
  status?: number;
  title?: string | null;
  error?: string;
}

export function browse(
  start: string,
  options?: { hosts?: Record<string, number>; ca?: string; mode?: string; person?: string },
): Promise<BrowserStep[]>;
